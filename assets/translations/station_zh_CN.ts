<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>CashPage</name>
        <message>
            <source>What for (optional)</source>
            <translation>用途（可不填）</translation>
        </message>
        <message>
            <source>Open the day (Ctrl+O)</source>
            <translation>开始营业 (Ctrl+O)</translation>
        </message>
        <message>
            <source>Count the drawer (Ctrl+T)</source>
            <translation>清点钱箱 (Ctrl+T)</translation>
        </message>
        <message>
            <source>Daily close (Ctrl+D)</source>
            <translation>日结 (Ctrl+D)</translation>
        </message>
        <message>
            <source>Put in change</source>
            <translation>放入零钱</translation>
        </message>
        <message>
            <source>Take cash out</source>
            <translation>取出现金</translation>
        </message>
        <message>
            <source>Pay an expense</source>
            <translation>支付费用</translation>
        </message>
        <message>
            <source>Amount (yuan)</source>
            <translation>金额（元）</translation>
        </message>
        <message>
            <source>Expense kind</source>
            <translation>支出类别</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Count or move cash</source>
            <translation>清点或存取现金</translation>
        </message>
        <message>
            <source>Service</source>
            <translation>业务</translation>
        </message>
        <message>
            <source>Cash in</source>
            <translation>收入现金</translation>
        </message>
        <message>
            <source>Cash out</source>
            <translation>支出现金</translation>
        </message>
        <message>
            <source>Income</source>
            <translation>收益</translation>
        </message>
        <message>
            <source>Transactions</source>
            <translation>笔数</translation>
        </message>
        <message>
            <source>Day</source>
            <translation>日期</translation>
        </message>
        <message>
            <source>Opening</source>
            <translation>期初</translation>
        </message>
        <message>
            <source>Expected</source>
            <translation>应有</translation>
        </message>
        <message>
            <source>Counted</source>
            <translation>实点</translation>
        </message>
        <message>
            <source>Over / short</source>
            <translation>长款/短款</translation>
        </message>
        <message>
            <source>This cash day by service</source>
            <translation>本营业日各项业务</translation>
        </message>
        <message>
            <source>Past days</source>
            <translation>历史日结</translation>
        </message>
        <message>
            <source>Cash</source>
            <translation>现金</translation>
        </message>
        <message>
            <source>Drawer should hold {amount}</source>
            <translation>钱箱应有 {amount}</translation>
        </message>
        <message>
            <source>The cash day is not open</source>
            <translation>今日尚未开始营业</translation>
        </message>
        <message>
            <source>Cash day {day} is open</source>
            <translation>营业日 {day} 进行中</translation>
        </message>
        <message>
            <source>The day is open with {amount} in the drawer</source>
            <translation>已开始营业，钱箱现有 {amount}</translation>
        </message>
        <message>
            <source>Counted {counted}; the drawer should hold {expected}; difference {diff}</source>
            <translation>实点 {counted}，应有 {expected}，差额 {diff}</translation>
        </message>
        <message>
            <source>Day {day} closed. Expected {expected}, counted {counted}, over/short {diff}</source>
            <translation>{day} 已日结。应有 {expected}，实点 {counted}，长短款 {diff}</translation>
        </message>
        <message>
            <source>Put {amount} into the drawer</source>
            <translation>已放入 {amount}</translation>
        </message>
        <message>
            <source>Took {amount} out of the drawer</source>
            <translation>已取出 {amount}</translation>
        </message>
        <message>
            <source>Paid {amount}</source>
            <translation>已支付 {amount}</translation>
        </message>
    </context>
    <context>
        <name>FirstRunWizard</name>
        <message>
            <source>Set up this station</source>
            <translation>设置服务站</translation>
        </message>
        <message>
            <source>e.g. 幸福村电商服务站</source>
            <translation>例如：幸福村电商服务站</translation>
        </message>
        <message>
            <source>Station name</source>
            <translation>服务站名称</translation>
        </message>
        <message>
            <source>Village</source>
            <translation>村</translation>
        </message>
        <message>
            <source>County</source>
            <translation>县</translation>
        </message>
        <message>
            <source>Manager's name</source>
            <translation>站长姓名</translation>
        </message>
        <message>
            <source>Manager's PIN</source>
            <translation>站长密码</translation>
        </message>
        <message>
            <source>PIN again</source>
            <translation>再输一次密码</translation>
        </message>
        <message>
            <source>Create the station (Enter)</source>
            <translation>创建服务站 (回车)</translation>
        </message>
        <message>
            <source>Restore from a backup file…</source>
            <translation>从备份文件恢复…</translation>
        </message>
        <message>
            <source>Welcome to Village Station</source>
            <translation>欢迎使用村级电商服务站系统</translation>
        </message>
        <message>
            <source>This computer has no station yet. Fill in the station and its manager.</source>
            <translation>这台电脑上还没有服务站，请填写服务站和站长信息。</translation>
        </message>
        <message>
            <source>Choose a backup file</source>
            <translation>选择备份文件</translation>
        </message>
        <message>
            <source>Station backups (*.sqlite)</source>
            <translation>服务站备份 (*.sqlite)</translation>
        </message>
    </context>
    <context>
        <name>HomePage</name>
        <message>
            <source>F1 today · F2 parcels · F3 bills · F4 consignment · F5 training · F6 people · F7 cash · F8 reports · F9 settings · Ctrl+L lock the screen</source>
            <translation>F1 今日 · F2 快递 · F3 缴费充值 · F4 代卖代买 · F5 培训 · F6 人员 · F7 现金 · F8 报表 · F9 设置 · Ctrl+L 锁屏</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>今日</translation>
        </message>
        <message>
            <source>Cash day</source>
            <translation>营业日</translation>
        </message>
        <message>
            <source>not open</source>
            <translation>未开始</translation>
        </message>
        <message>
            <source>In the drawer</source>
            <translation>钱箱现金</translation>
        </message>
        <message>
            <source>People registered</source>
            <translation>登记人数</translation>
        </message>
    </context>
    <context>
        <name>LoginDialog</name>
        <message>
            <source>Log in</source>
            <translation>登录</translation>
        </message>
        <message>
            <source>4–8 digits</source>
            <translation>4–8 位数字</translation>
        </message>
        <message>
            <source>Log in (Enter)</source>
            <translation>登录 (回车)</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>操作员</translation>
        </message>
        <message>
            <source>PIN</source>
            <translation>密码</translation>
        </message>
        <message>
            <source>Village Station</source>
            <translation>村级电商服务站</translation>
        </message>
        <message>
            <source>The screen is locked. Type a PIN to go on.</source>
            <translation>屏幕已锁定，输入密码继续。</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Village Station</source>
            <translation>村级电商服务站</translation>
        </message>
        <message>
            <source>Printer: not set up</source>
            <translation>打印机：未设置</translation>
        </message>
        <message>
            <source>Scanner: keyboard</source>
            <translation>扫码：键盘枪</translation>
        </message>
        <message>
            <source>Parcels</source>
            <translation>快递</translation>
        </message>
        <message>
            <source>Bills &amp; top-ups</source>
            <translation>缴费充值</translation>
        </message>
        <message>
            <source>Consignment</source>
            <translation>代卖代买</translation>
        </message>
        <message>
            <source>Training</source>
            <translation>培训</translation>
        </message>
        <message>
            <source>Reports</source>
            <translation>报表</translation>
        </message>
        <message>
            <source>Operator: {name}</source>
            <translation>操作员：{name}</translation>
        </message>
        <message>
            <source>Not yet synced · {pending} to upload</source>
            <translation>尚未同步 · 待上传 {pending}</translation>
        </message>
        <message>
            <source>Synced {when} · {pending} to upload</source>
            <translation>上次同步 {when} · 待上传 {pending}</translation>
        </message>
        <message>
            <source>The PC clock is off by {minutes} minutes</source>
            <translation>电脑时间偏差 {minutes} 分钟，请校准</translation>
        </message>
    </context>
    <context>
        <name>PeoplePage</name>
        <message>
            <source>Search: name, any part of it, phone, last 4 digits of the phone</source>
            <translation>搜索：姓名（任意部分）、手机号、手机尾号后 4 位</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>手机号</translation>
        </message>
        <message>
            <source>Village</source>
            <translation>村</translation>
        </message>
        <message>
            <source>Groups</source>
            <translation>人员类别</translation>
        </message>
        <message>
            <source>ID number</source>
            <translation>身份证号</translation>
        </message>
        <message>
            <source>Add a person (Ctrl+N)</source>
            <translation>新增人员 (Ctrl+N)</translation>
        </message>
        <message>
            <source>People</source>
            <translation>人员</translation>
        </message>
        <message>
            <source>{shown} shown of {total} people</source>
            <translation>显示 {shown} 人，共 {total} 人</translation>
        </message>
    </context>
    <context>
        <name>PersonDialog</name>
        <message>
            <source>Edit person</source>
            <translation>修改人员信息</translation>
        </message>
        <message>
            <source>Add a person</source>
            <translation>新增人员</translation>
        </message>
        <message>
            <source>11-digit mobile number</source>
            <translation>11 位手机号</translation>
        </message>
        <message>
            <source>(not given)</source>
            <translation>（未填）</translation>
        </message>
        <message>
            <source>18 characters (optional)</source>
            <translation>18 位（可不填）</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>手机号</translation>
        </message>
        <message>
            <source>Village</source>
            <translation>村</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>性别</translation>
        </message>
        <message>
            <source>ID number</source>
            <translation>身份证号</translation>
        </message>
        <message>
            <source>Household no.</source>
            <translation>户号</translation>
        </message>
        <message>
            <source>Groups</source>
            <translation>人员类别</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Save (Enter)</source>
            <translation>保存 (回车)</translation>
        </message>
        <message>
            <source>Cancel (Esc)</source>
            <translation>取消 (Esc)</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <source>Save settings (Ctrl+S)</source>
            <translation>保存设置 (Ctrl+S)</translation>
        </message>
        <message>
            <source>Operators</source>
            <translation>操作员</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>角色</translation>
        </message>
        <message>
            <source>PIN</source>
            <translation>密码</translation>
        </message>
        <message>
            <source>Add operator</source>
            <translation>添加操作员</translation>
        </message>
        <message>
            <source>Set this PIN for the selected operator</source>
            <translation>为选中的操作员设置此密码</translation>
        </message>
        <message>
            <source>Remove the selected operator</source>
            <translation>停用选中的操作员</translation>
        </message>
        <message>
            <source>Station settings</source>
            <translation>服务站设置</translation>
        </message>
        <message>
            <source>This computer</source>
            <translation>本机设置</translation>
        </message>
        <message>
            <source>Decided by the county</source>
            <translation>县级统一设置</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <source>{n} settings saved</source>
            <translation>已保存 {n} 项设置</translation>
        </message>
        <message>
            <source>{name} can log in now</source>
            <translation>{name} 现在可以登录了</translation>
        </message>
        <message>
            <source>PIN changed</source>
            <translation>密码已修改</translation>
        </message>
        <message>
            <source>Operator removed</source>
            <translation>操作员已停用</translation>
        </message>
    </context>
    <context>
        <name>StationContext</name>
        <message>
            <source>Not done</source>
            <extracomment>a core action committed; carries the Changes flags of what it touched the operator logged in (Operator) or the screen was locked (None)</extracomment>
            <translation>未完成</translation>
        </message>
    </context>
    <context>
        <name>UpcomingPage</name>
        <message>
            <source>{service}: this part of the program is not ready yet.</source>
            <translation>{service}：此功能尚在建设中。</translation>
        </message>
    </context>
    <context>
        <name>app</name>
        <message>
            <source>The station file cannot be opened</source>
            <translation>无法打开服务站数据文件</translation>
        </message>
        <message>
            <source>Restore the station from a backup file?</source>
            <translation>是否从备份文件恢复服务站？</translation>
        </message>
        <message>
            <source>Choose a backup file</source>
            <translation>选择备份文件</translation>
        </message>
        <message>
            <source>Not restored</source>
            <translation>未能恢复</translation>
        </message>
    </context>
    <context>
        <name>cash</name>
        <message>
            <source>Supplies (paper, labels)</source>
            <translation>耗材（纸、标签）</translation>
        </message>
        <message>
            <source>SMS package</source>
            <translation>短信套餐</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>其他</translation>
        </message>
    </context>
    <context>
        <name>categories</name>
        <message>
            <source>Poverty-register household</source>
            <translation>建档立卡贫困户</translation>
        </message>
        <message>
            <source>Returning youth</source>
            <translation>返乡青年</translation>
        </message>
        <message>
            <source>Veteran</source>
            <translation>退役军人</translation>
        </message>
        <message>
            <source>Woman</source>
            <translation>妇女</translation>
        </message>
        <message>
            <source>Disabled person</source>
            <translation>残疾人</translation>
        </message>
    </context>
    <context>
        <name>errors</name>
        <message>
            <source>The cash day of {day} is still open: close it first</source>
            <translation>{day} 的营业日尚未日结，请先日结</translation>
        </message>
        <message>
            <source>No cash day is open</source>
            <translation>当前没有开启的营业日</translation>
        </message>
        <message>
            <source>Unknown expense kind {kind}</source>
            <translation>未知的支出类别：{kind}</translation>
        </message>
        <message>
            <source>Only {balance} is in the drawer; {amount} cannot be paid out</source>
            <translation>钱箱里只有 {balance}，无法支出 {amount}</translation>
        </message>
        <message>
            <source>Phone number '{text}' is not valid: a mobile number has 11 digits and starts with 1</source>
            <translation>手机号“{text}”不对：手机号为 1 开头的 11 位数字</translation>
        </message>
        <message>
            <source>ID number must have 18 characters: 17 digits and a last digit or X</source>
            <translation>身份证号应为 18 位：前 17 位数字，最后一位为数字或 X</translation>
        </message>
        <message>
            <source>ID number check digit is wrong: please check the number again</source>
            <translation>身份证号校验位不对，请再核对一遍</translation>
        </message>
        <message>
            <source>ID number has an impossible birth date or region</source>
            <translation>身份证号中的出生日期或地区码不对</translation>
        </message>
        <message>
            <source>Amount '{text}' is not valid: write yuan like 12.50</source>
            <translation>金额“{text}”不对：请按元填写，如 12.50</translation>
        </message>
        <message>
            <source>Amount is too large</source>
            <translation>金额太大</translation>
        </message>
        <message>
            <source>Amount must be more than zero</source>
            <translation>金额必须大于零</translation>
        </message>
        <message>
            <source>Amount must be whole fen</source>
            <translation>金额必须精确到分</translation>
        </message>
        <message>
            <source>Amount {amount} is out of range</source>
            <translation>金额 {amount} 超出范围</translation>
        </message>
        <message>
            <source>A PIN is 4 to 8 digits</source>
            <translation>密码为 4 到 8 位数字</translation>
        </message>
        <message>
            <source>A PIN of one repeated digit is too easy to guess</source>
            <translation>密码不能全是同一个数字，太容易被猜到</translation>
        </message>
        <message>
            <source>A name is required</source>
            <translation>请填写姓名</translation>
        </message>
        <message>
            <source>A name is at most 30 characters</source>
            <translation>姓名最多 30 个字</translation>
        </message>
        <message>
            <source>Unknown role {role}</source>
            <translation>未知的角色：{role}</translation>
        </message>
        <message>
            <source>Only a manager can add operators</source>
            <translation>只有站长可以添加操作员</translation>
        </message>
        <message>
            <source>An operator named {name} already exists</source>
            <translation>已有名为 {name} 的操作员</translation>
        </message>
        <message>
            <source>No such operator</source>
            <translation>没有这个操作员</translation>
        </message>
        <message>
            <source>Too many wrong PINs: {name} is locked for {minutes} more minutes</source>
            <translation>密码错误次数过多：{name} 已锁定，请 {minutes} 分钟后再试</translation>
        </message>
        <message>
            <source>Wrong PIN. {remaining} tries left before the account locks.</source>
            <translation>密码错误。再错 {remaining} 次账号将被锁定。</translation>
        </message>
        <message>
            <source>Only a manager can change another operator's PIN</source>
            <translation>只有站长可以修改其他操作员的密码</translation>
        </message>
        <message>
            <source>Only a manager can remove operators</source>
            <translation>只有站长可以停用操作员</translation>
        </message>
        <message>
            <source>The last manager cannot be removed</source>
            <translation>不能停用最后一位站长</translation>
        </message>
        <message>
            <source>Unknown category {category}</source>
            <translation>未知的人员类别：{category}</translation>
        </message>
        <message>
            <source>Sex must be male or female</source>
            <translation>性别只能是男或女</translation>
        </message>
        <message>
            <source>This ID number is already registered to {name}</source>
            <translation>此身份证号已登记在 {name} 名下</translation>
        </message>
        <message>
            <source>{name} ({phone}) is already registered</source>
            <translation>{name}（{phone}）已登记</translation>
        </message>
        <message>
            <source>No such person</source>
            <translation>没有这个人</translation>
        </message>
        <message>
            <source>Unknown setting {key}</source>
            <translation>未知的设置项：{key}</translation>
        </message>
        <message>
            <source>Setting {key}: '{value}' is not valid</source>
            <translation>设置项 {key} 的值“{value}”不对</translation>
        </message>
        <message>
            <source>Setting {key} must be between {low} and {high}</source>
            <translation>设置项 {key} 应在 {low} 到 {high} 之间</translation>
        </message>
        <message>
            <source>This setting is decided by the county</source>
            <translation>此设置由县级中心统一规定</translation>
        </message>
        <message>
            <source>Only a manager can change station settings</source>
            <translation>只有站长可以修改服务站设置</translation>
        </message>
        <message>
            <source>The village is required</source>
            <translation>请填写所在村</translation>
        </message>
        <message>
            <source>This station is already set up</source>
            <translation>服务站已经设置过了</translation>
        </message>
        <message>
            <source>This station is not set up yet</source>
            <translation>服务站尚未设置</translation>
        </message>
        <message>
            <source>The disk is full: nothing was saved. Free some space and try again.</source>
            <translation>磁盘已满，刚才的操作没有保存。请清理磁盘空间后重试。</translation>
        </message>
        <message>
            <source>The station file is damaged ({detail}). Restore it from a backup.</source>
            <translation>服务站数据文件已损坏（{detail}）。请从备份恢复。</translation>
        </message>
        <message>
            <source>The station file cannot be written (read-only).</source>
            <translation>服务站数据文件无法写入（只读）。</translation>
        </message>
        <message>
            <source>No station file at {path}</source>
            <translation>{path} 处没有服务站数据文件</translation>
        </message>
        <message>
            <source>No backup file at {path}</source>
            <translation>{path} 处没有备份文件</translation>
        </message>
        <message>
            <source>The backup cannot be restored: {problems}</source>
            <translation>此备份无法恢复：{problems}</translation>
        </message>
        <message>
            <source>This station file was written by a newer version of the program ({names}). Install the newer version; the file was not changed.</source>
            <translation>此数据文件由更新版本的程序写入（{names}）。请安装新版本；文件未做任何改动。</translation>
        </message>
        <message>
            <source>The two PINs are not the same</source>
            <translation>两次输入的密码不一致</translation>
        </message>
    </context>
    <context>
        <name>people</name>
        <message>
            <source>Male</source>
            <translation>男</translation>
        </message>
        <message>
            <source>Female</source>
            <translation>女</translation>
        </message>
    </context>
    <context>
        <name>roles</name>
        <message>
            <source>Manager</source>
            <translation>站长</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>操作员</translation>
        </message>
    </context>
    <context>
        <name>services</name>
        <message>
            <source>Cash desk</source>
            <translation>现金</translation>
        </message>
        <message>
            <source>Parcels</source>
            <translation>快递</translation>
        </message>
        <message>
            <source>Bills &amp; top-ups</source>
            <translation>缴费充值</translation>
        </message>
        <message>
            <source>Consignment</source>
            <translation>代卖代买</translation>
        </message>
        <message>
            <source>Training</source>
            <translation>培训</translation>
        </message>
    </context>
    <context>
        <name>settings</name>
        <message>
            <source>Opening hours</source>
            <translation>营业时间</translation>
        </message>
        <message>
            <source>Station phone</source>
            <translation>服务站电话</translation>
        </message>
        <message>
            <source>Lock the screen after idle minutes</source>
            <translation>空闲多少分钟后锁屏</translation>
        </message>
        <message>
            <source>Parcel overdue after days on shelf</source>
            <translation>包裹在架多少天算滞留</translation>
        </message>
        <message>
            <source>Return unclaimed parcels after days</source>
            <translation>无人领取多少天后退回</translation>
        </message>
        <message>
            <source>Largest cash float (fen)</source>
            <translation>备用金上限（分）</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>语言</translation>
        </message>
        <message>
            <source>Text size</source>
            <translation>字号</translation>
        </message>
        <message>
            <source>Receipt printer</source>
            <translation>小票打印机</translation>
        </message>
        <message>
            <source>Paper width (mm)</source>
            <translation>纸宽（毫米）</translation>
        </message>
        <message>
            <source>Scanner prefix</source>
            <translation>扫码枪前缀</translation>
        </message>
        <message>
            <source>Scanner suffix</source>
            <translation>扫码枪后缀</translation>
        </message>
        <message>
            <source>County hub address</source>
            <translation>县级中心地址</translation>
        </message>
        <message>
            <source>Nightly sync time</source>
            <translation>夜间同步时间</translation>
        </message>
    </context>
</TS>