<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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