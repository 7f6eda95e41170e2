; Village Station 村级电商服务站 — the Windows installer (Inno Setup 6.3 or newer).
;
; Built by `python installer\build.py` after the PyInstaller bundle, or by hand:
;   ISCC.exe /DAppVersion=0.1.0 /DBundleDir=..\dist\station-app /DCameraDir=..\dist\station-camera installer\station.iss
; -> dist\VillageStation-Setup-<version>.exe, one file for the county technician.
;
; What it does (installer/README.md says it for the technician):
; - installs per machine into Program Files (admin rights), 64-bit Windows 10/11 only
;   (Qt 6 and Python 3.11 do not run on Windows 7/8);
; - Start menu and desktop shortcuts for every user of the PC;
; - never touches the station's data: the station file, its backups and logs live in the
;   user data folder %LOCALAPPDATA%\VillageStation\VillageStation (platformdirs), which
;   upgrades and uninstall leave as they are;
; - the webcam is a component (摄像头扫码, installer/component.py): OpenCV and numpy, installed
;   over the program's own files only when ticked; without it the program says on its scanner
;   page that the component is missing and that running Setup again and ticking it adds it;
; - registers the nightly task that runs `station-app sync --once` for the person who ran
;   Setup (schtasks; caught up after a night the PC was off);
; - upgrades in place: the same AppId finds the installed version, Setup closes the running
;   program and, before any file is replaced, has the installed (old) program back up the
;   station file to backups\before-upgrade-<new version>.sqlite. The new program migrates
;   the file on its first start.
; This file is UTF-8 with a byte-order mark: ISCC needs it for the Chinese text.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\dist\station-app"
#endif
#ifndef CameraDir
  #define CameraDir "..\dist\station-camera"
#endif
; Fixed for ever (installer/bundle.py APP_GUID): another AppId would install a second copy
; beside the first instead of upgrading it.
#define AppGuid "6F1C7A52-3D4B-4E8A-9B0E-5A2C7D91E4B3"
#define AppName "Village Station"
#define AppNameZh "村级电商服务站"
#define AppExe "station-app.exe"
#define CliExe "station-app-cli.exe"
#define TaskName "VillageStation Nightly Sync"
; the default of the station setting sync.nightly_at
#define SyncTime "02:30"
#define DataFolder "%LOCALAPPDATA%\VillageStation\VillageStation"
#define HaveChinese FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")

[Setup]
AppId={{{#AppGuid}}
AppName={#AppNameZh} {#AppName}
AppVersion={#AppVersion}
AppVerName={#AppNameZh} {#AppName} {#AppVersion}
AppPublisher=Village Station
DefaultDirName={autopf}\Village Station
DefaultGroupName={#AppNameZh}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
CloseApplications=force
CloseApplicationsFilter=*.exe,*.dll,*.pyd
RestartApplications=no
OutputDir=..\dist
OutputBaseFilename=VillageStation-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
SetupLogging=yes
ShowLanguageDialog=no
UninstallDisplayName={#AppNameZh} {#AppName}
UninstallDisplayIcon={app}\{#AppExe}
; the user data folder is used only through the original user's own environment (below)
UsedUserAreasWarning=no
#ifexist "station.ico"
SetupIconFile=station.ico
#endif

[Languages]
#if HaveChinese
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
  #pragma message "ChineseSimplified.isl is not in this Inno Setup: the installer will be in English only"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
#if HaveChinese
zh.ToolsCheck=检查站点文件
zh.ToolsData=打开数据文件夹
zh.ToolsReadme=安装说明
zh.Downgrade=这台电脑上已装有更新的版本 %1，现在要装的是较旧的 %2。旧版本打不开新版本写过的站点文件。%n%n仍然继续吗？
zh.BackupFailed=升级前备份站点文件失败（错误 %1）。%n%n站点文件没有被改动。建议先点“否”，打开程序确认能正常使用，再重新安装。%n%n不备份继续升级吗？
zh.BackupStopped=升级已取消：升级前的备份没有成功（错误 %1）。站点文件没有被改动。
zh.TaskFailed=无法创建每晚同步的计划任务（错误 %1）。程序可以正常使用；请按安装说明手动创建。
zh.DataKept=程序已卸载。站点数据仍保留在：%n{#DataFolder}%n%n重新安装后即可继续使用。
zh.TypeStation=服务站程序（用扫码枪扫码）
zh.TypeFull=服务站程序和摄像头扫码
zh.TypeCustom=自定义
zh.CompProgram=服务站程序
zh.CompCamera=摄像头扫码（用电脑摄像头读条码和二维码）
#endif
en.ToolsCheck=Check the station file
en.ToolsData=Open the data folder
en.ToolsReadme=Installation notes
en.Downgrade=A newer version (%1) is installed on this PC; this installer has the older %2. An older version cannot open a station file written by a newer one.%n%nContinue anyway?
en.BackupFailed=The station file could not be backed up before the upgrade (error %1).%n%nThe station file was not changed. Better answer No, check that the program works, and install again.%n%nUpgrade without a backup?
en.BackupStopped=The upgrade was cancelled: the backup before the upgrade failed (error %1). The station file was not changed.
en.TaskFailed=The nightly sync task could not be created (error %1). The program works; create the task by hand as the installation notes say.
en.DataKept=The program was removed. The station's data is kept in:%n{#DataFolder}%n%nInstall the program again to go on using it.
en.TypeStation=The station program (scanning with a scanner gun)
en.TypeFull=The station program and scanning with a camera
en.TypeCustom=Custom
en.CompProgram=The station program
en.CompCamera=Scan with a camera (reads barcodes and QR codes with the PC's webcam)

; The first type is the default: the program without the camera component. Setup run again
; keeps the components chosen before (UsePreviousComponents), or adds the one ticked now.
[Types]
Name: "station"; Description: "{cm:TypeStation}"
Name: "full"; Description: "{cm:TypeFull}"
Name: "custom"; Description: "{cm:TypeCustom}"; Flags: iscustom

[Components]
Name: "program"; Description: "{cm:CompProgram}"; Types: station full custom; Flags: fixed
Name: "camera"; Description: "{cm:CompCamera}"; Types: full

[InstallDelete]
; the previous version's program files (never the data, which is not here): no stale DLL
; or Qt plugin of an older build is left beside the new ones, and a camera component that
; is no longer ticked goes with them
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Components: program; Flags: ignoreversion recursesubdirs createallsubdirs
; the camera component's files go into the same folders as the program's (_internal\cv2, ...)
Source: "{#CameraDir}\*"; DestDir: "{app}"; Components: camera; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "README.md"; DestDir: "{app}"; DestName: "README.txt"; Flags: ignoreversion

[Icons]
Name: "{group}\{#AppNameZh}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "{#AppName}"
Name: "{autodesktop}\{#AppNameZh}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "{#AppName}"
Name: "{group}\{cm:ToolsCheck}"; Filename: "{cmd}"; Parameters: "/k """"{app}\{#CliExe}"" check"""; WorkingDir: "{app}"
Name: "{group}\{cm:ToolsData}"; Filename: "{cmd}"; Parameters: "/c start """" ""{#DataFolder}"""; Flags: runminimized
Name: "{group}\{cm:ToolsReadme}"; Filename: "{app}\README.txt"

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppNameZh}}"; Flags: nowait postinstall skipifsilent

[UninstallRun]
Filename: "{sys}\schtasks.exe"; Parameters: "/Delete /TN ""{#TaskName}"" /F"; Flags: runhidden; RunOnceId: "DeleteNightlySync"

; Nothing under [UninstallDelete]: the uninstaller removes only the program files it installed.

[Code]
const
  UninstallKey = 'Software\Microsoft\Windows\CurrentVersion\Uninstall\{{#AppGuid}}_is1';

var
  PreviousVersion: String;
  PreviousFolder: String;

function UninstallValue(const Name: String): String;
begin
  if not RegQueryStringValue(HKLM64, UninstallKey, Name, Result) then
    if not RegQueryStringValue(HKLM32, UninstallKey, Name, Result) then
      Result := '';
end;

{ The first number of a dotted version, removed from S. }
function TakeVersionPart(var S: String): Integer;
var
  P: Integer;
begin
  P := Pos('.', S);
  if P = 0 then
  begin
    Result := StrToIntDef(S, 0);
    S := '';
  end
  else
  begin
    Result := StrToIntDef(Copy(S, 1, P - 1), 0);
    Delete(S, 1, P);
  end;
end;

{ -1, 0 or 1 as version A is older than, the same as or newer than version B. }
function CompareVersions(A, B: String): Integer;
var
  I, X, Y: Integer;
begin
  Result := 0;
  for I := 1 to 4 do
  begin
    X := TakeVersionPart(A);
    Y := TakeVersionPart(B);
    if X < Y then
    begin
      Result := -1;
      Exit;
    end;
    if X > Y then
    begin
      Result := 1;
      Exit;
    end;
  end;
end;

function InitializeSetup(): Boolean;
begin
  Result := True;
  PreviousVersion := UninstallValue('DisplayVersion');
  PreviousFolder := RemoveBackslashUnlessRoot(UninstallValue('InstallLocation'));
  if PreviousVersion <> '' then
    Log('Upgrading ' + PreviousVersion + ' in ' + PreviousFolder + ' to {#AppVersion}');
  if (PreviousVersion <> '') and (CompareVersions(PreviousVersion, '{#AppVersion}') > 0) then
    Result := SuppressibleMsgBox(FmtMessage(CustomMessage('Downgrade'), [PreviousVersion, '{#AppVersion}']),
      mbConfirmation, MB_YESNO or MB_DEFBUTTON2, IDNO) = IDYES;
end;

{ Runs a command line through cmd.exe as the person who started Setup (not the elevated
  administrator, who may be someone else): %LOCALAPPDATA% is then that person's, where the
  station keeps its data. }
function RunAsStationUser(const CommandLine: String; var Code: Integer): Boolean;
begin
  Log('As the station user: cmd.exe /c ' + CommandLine);
  Result := ExecAsOriginalUser(ExpandConstant('{cmd}'), '/c ' + CommandLine, '', SW_HIDE,
    ewWaitUntilTerminated, Code);
  Log('Exit code ' + IntToStr(Code));
end;

{ The installed (old) program copies the station file through SQLite's backup API, without
  migrating it, to backups\before-upgrade-<new version>.sqlite. Only if a station file
  exists, and never over an earlier copy of the same name (a repeated install must not
  replace the copy taken before the first one migrated the file). }
function BackupBeforeUpgrade(var Code: Integer): Boolean;
var
  Cli, Station, Target: String;
begin
  Code := 0;
  Cli := PreviousFolder + '\{#CliExe}';
  if (PreviousFolder = '') or not FileExists(Cli) then
  begin
    Log('No ' + Cli + ': the previous version cannot take the backup; the program takes one when it migrates');
    Result := True;
    Exit;
  end;
  Station := '{#DataFolder}\station.sqlite';
  Target := '{#DataFolder}\backups\before-upgrade-{#AppVersion}.sqlite';
  if RunAsStationUser('if exist "' + Station + '" if not exist "' + Target + '" "' + Cli +
    '" backup "' + Target + '"', Code) then
    Result := Code = 0
  else
    Result := False;
end;

function PrepareToInstall(var NeedsRestart: Boolean): String;
var
  Code: Integer;
begin
  Result := '';
  { a sync must not be running while its program is replaced }
  Exec(ExpandConstant('{sys}\schtasks.exe'), '/End /TN "{#TaskName}"', '', SW_HIDE, ewWaitUntilTerminated, Code);
  if PreviousVersion = '' then
    Exit;
  if not BackupBeforeUpgrade(Code) then
    if SuppressibleMsgBox(FmtMessage(CustomMessage('BackupFailed'), [IntToStr(Code)]), mbError,
      MB_YESNO or MB_DEFBUTTON2, IDNO) <> IDYES then
      Result := FmtMessage(CustomMessage('BackupStopped'), [IntToStr(Code)]);
end;

{ The nightly `station-app sync --once`, as the person who started Setup, replaced on every
  install so that it always runs the installed program. }
procedure CreateNightlyTask();
var
  Code: Integer;
  Params: String;
begin
  Params := '/Create /F /TN "{#TaskName}" /SC DAILY /ST {#SyncTime} /TR "\"' +
    ExpandConstant('{app}\{#AppExe}') + '\" sync --once"';
  Log('schtasks ' + Params);
  if not ExecAsOriginalUser(ExpandConstant('{sys}\schtasks.exe'), Params, '', SW_HIDE, ewWaitUntilTerminated, Code) then
    Code := -1;
  if Code <> 0 then
  begin
    Log('schtasks failed: ' + IntToStr(Code));
    SuppressibleMsgBox(FmtMessage(CustomMessage('TaskFailed'), [IntToStr(Code)]), mbInformation, MB_OK, IDOK);
    Exit;
  end;
  { schtasks cannot say these: run as soon as the PC is on after a missed night, also on
    battery, one at a time, and give up after an hour }
  Params := '-NoProfile -NonInteractive -ExecutionPolicy Bypass -Command "' +
    '$s = New-ScheduledTaskSettingsSet -StartWhenAvailable -AllowStartIfOnBatteries ' +
    '-DontStopIfGoingOnBatteries -MultipleInstances IgnoreNew -ExecutionTimeLimit (New-TimeSpan -Hours 1); ' +
    'Set-ScheduledTask -TaskName ''{#TaskName}'' -Settings $s | Out-Null"';
  if not ExecAsOriginalUser(ExpandConstant('{sys}\WindowsPowerShell\v1.0\powershell.exe'), Params, '', SW_HIDE,
    ewWaitUntilTerminated, Code) then
    Code := -1;
  if Code <> 0 then
    Log('Task settings not changed (PowerShell exit ' + IntToStr(Code) + '); the task runs at {#SyncTime} only');
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  if CurStep = ssPostInstall then
    CreateNightlyTask();
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
    SuppressibleMsgBox(CustomMessage('DataKept'), mbInformation, MB_OK, IDOK);
end;
