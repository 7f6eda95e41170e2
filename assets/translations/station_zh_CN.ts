<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>ArchiveDialog</name>
        <message>
            <source>Training archive</source>
            <translation>培训档案</translation>
        </message>
        <message>
            <source>Document</source>
            <translation>材料</translation>
        </message>
        <message>
            <source>Lecturer</source>
            <translation>讲师</translation>
        </message>
        <message>
            <source>Files</source>
            <translation>文件</translation>
        </message>
        <message>
            <source>Add a file (Enter)</source>
            <translation>添加文件（回车）</translation>
        </message>
        <message>
            <source>Photograph the paper (Alt+P)</source>
            <translation>拍摄纸质材料（Alt+P）</translation>
        </message>
        <message>
            <source>Close (Esc)</source>
            <translation>关闭（Esc）</translation>
        </message>
        <message>
            <source>missing</source>
            <translation>缺</translation>
        </message>
        <message>
            <source>Archive complete (齐全)</source>
            <translation>档案齐全</translation>
        </message>
        <message>
            <source>Archive incomplete, no subsidy until it is complete: {items}</source>
            <translation>档案不全，补齐前不予补贴：{items}</translation>
        </message>
        <message>
            <source>Choose the document in the list first</source>
            <translation>请先在列表里选中材料</translation>
        </message>
        <message>
            <source>{document} kept in the archive</source>
            <translation>{document} 已存入档案</translation>
        </message>
        <message>
            <source>The document's file</source>
            <translation>材料文件</translation>
        </message>
        <message>
            <source>Photos and PDF (*.jpg *.jpeg *.png *.bmp *.webp *.pdf)</source>
            <translation>照片和 PDF (*.jpg *.jpeg *.png *.bmp *.webp *.pdf)</translation>
        </message>
    </context>
    <context>
        <name>BillsPage</name>
        <message>
            <source>Name or phone of the payer (optional)</source>
            <translation>付款人姓名或手机号（可不填）</translation>
        </message>
        <message>
            <source>exact</source>
            <translation>正好</translation>
        </message>
        <message>
            <source>Account no.</source>
            <translation>户号</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <source>Payer</source>
            <translation>付款人</translation>
        </message>
        <message>
            <source>Cash received</source>
            <translation>实收</translation>
        </message>
        <message>
            <source>To pay</source>
            <translation>应付</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>找零</translation>
        </message>
        <message>
            <source>Biller (arrow keys)</source>
            <translation>收费单位（方向键选择）</translation>
        </message>
        <message>
            <source>Receipt (Ctrl+P prints it again)</source>
            <translation>凭证（Ctrl+P 重新打印）</translation>
        </message>
        <message>
            <source>Receipt</source>
            <translation>小票</translation>
        </message>
        <message>
            <source>Service</source>
            <translation>业务</translation>
        </message>
        <message>
            <source>Account</source>
            <translation>户号/号码</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>To refund</source>
            <translation>应退金额</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Waiting time</source>
            <translation>已等待</translation>
        </message>
        <message>
            <source>Choose the amount</source>
            <extracomment>what can be a bill account when scanned or typed fast: long digit strings of every reading</extracomment>
            <translation>请选择金额</translation>
        </message>
        <message>
            <source>Read back and take (Ctrl+Enter)</source>
            <translation>核对后收款（Ctrl+回车）</translation>
        </message>
        <message>
            <source>Upload state</source>
            <translation>上传状态</translation>
        </message>
        <message>
            <source>Since failure</source>
            <translation>失败至今</translation>
        </message>
        <message>
            <source>Biller reference</source>
            <translation>缴费流水号</translation>
        </message>
        <message>
            <source>Paid at</source>
            <translation>缴费时间</translation>
        </message>
        <message>
            <source>Problem</source>
            <translation>问题</translation>
        </message>
        <message>
            <source>How it was sorted out with the county (who, what was agreed)</source>
            <translation>与县里如何处理的（联系了谁、商定了什么）</translation>
        </message>
        <message>
            <source>Settled (manager)</source>
            <translation>已处理（站长）</translation>
        </message>
        <message>
            <source>Ctrl+Delete voids the chosen bill (today) · Ctrl+R refunds</source>
            <translation>Ctrl+Delete 作废选中的一笔（当天）· Ctrl+R 退款</translation>
        </message>
        <message>
            <source>Bills &amp; top-ups</source>
            <translation>缴费充值</translation>
        </message>
        <message>
            <source>County catalogue {version}</source>
            <translation>县中心缴费目录 {version}</translation>
        </message>
        <message>
            <source> ({n} products could not be used)</source>
            <translation>（{n} 个项目无法使用）</translation>
        </message>
        <message>
            <source>Built-in catalogue: the county has not sent its own yet. Amounts and fees may differ.</source>
            <translation>内置缴费目录：县中心尚未下发目录，金额和手续费可能与实际不同。</translation>
        </message>
        <message>
            <source> · void asked</source>
            <translation> · 已申请作废</translation>
        </message>
        <message>
            <source>Waiting for the county ({n})</source>
            <translation>等待县中心（{n}）</translation>
        </message>
        <message>
            <source>Refund due ({n})</source>
            <translation>待退款（{n}）</translation>
        </message>
        <message>
            <source>Paid today ({n})</source>
            <translation>今日已缴（{n}）</translation>
        </message>
        <message>
            <source>Conflicts ({n})</source>
            <translation>冲突（{n}）</translation>
        </message>
        <message>
            <source>Today: accepted {a} ({a_fen}, fees {fees}) · paid {p} ({p_fen}) · failed {x} ({x_fen}) · refunded {r} ({r_fen})</source>
            <translation>今日：受理 {a} 笔（{a_fen}，手续费 {fees}）· 成功 {p} 笔（{p_fen}）· 失败 {x} 笔（{x_fen}）· 退款 {r} 笔（{r_fen}）</translation>
        </message>
        <message>
            <source> · voided {v} ({v_fen})</source>
            <translation> · 作废 {v} 笔（{v_fen}）</translation>
        </message>
        <message>
            <source>{label}: {low}–{high} characters</source>
            <translation>{label}：{low}–{high} 位</translation>
        </message>
        <message>
            <source>{label}: {n} characters</source>
            <translation>{label}：{n} 位</translation>
        </message>
        <message>
            <source> (fee {fee})</source>
            <translation>（含手续费 {fee}）</translation>
        </message>
        <message>
            <source>short {amount}</source>
            <translation>还差 {amount}</translation>
        </message>
        <message>
            <source>Cash received {cash} is less than the {total} to pay</source>
            <translation>实收现金 {cash} 少于应付 {total}</translation>
        </message>
        <message>
            <source>Not taken: change what is wrong, or Esc to start again</source>
            <translation>未收款：请改正有误的地方，或按 Esc 重新开始</translation>
        </message>
        <message>
            <source>Not taken: the same account was paid a moment ago</source>
            <translation>未收款：该户号刚刚缴过费</translation>
        </message>
        <message>
            <source>Accepted {receipt}: {amount} for {service}. Change {change}. Not paid yet: the county pays it after the next sync.</source>
            <translation>已受理 {receipt}：{service} {amount}，找零 {change}。尚未缴费成功：下次同步后由县中心缴费。</translation>
        </message>
        <message>
            <source>Paid a moment ago</source>
            <translation>刚刚缴过费</translation>
        </message>
        <message>
            <source>Take it again (Y)</source>
            <translation>仍要收款（Y）</translation>
        </message>
        <message>
            <source>Do not take it (N)</source>
            <translation>不收款（N）</translation>
        </message>
        <message>
            <source>Pick the bill to void in the list of bills waiting for the county</source>
            <translation>请在“等待县中心缴费”列表里选中要作废的那一笔</translation>
        </message>
        <message>
            <source>Not voided</source>
            <translation>没有作废</translation>
        </message>
        <message>
            <source>Voided {receipt} ({void}): hand back {amount} in cash and have the payer sign the void receipt. It will never be paid.</source>
            <translation>已作废 {receipt}（{void}）：请退还现金 {amount}，并请缴费人在作废凭证上签字。这笔不会再去缴费。</translation>
        </message>
        <message>
            <source>Asked the county to cancel {receipt}. Do not hand back cash yet: when the county says it was not paid, refund it from Refund due (Ctrl+R).</source>
            <translation>已请县中心取消 {receipt}。现在先不要退现金：县中心确认没有缴费后，在“待退款”里退款（Ctrl+R）。</translation>
        </message>
        <message>
            <source>No failed payment is waiting for a refund</source>
            <translation>没有待退款的失败缴费</translation>
        </message>
        <message>
            <source>Hand back {amount} to {payer} and have the refund receipt signed ({receipt})</source>
            <translation>请退还{payer} {amount}，并请其在退款凭证上签字（{receipt}）</translation>
        </message>
        <message>
            <source>the payer</source>
            <translation>付款人</translation>
        </message>
        <message>
            <source>No conflict is chosen: pick one in the Conflicts list</source>
            <translation>未选择冲突：请在“冲突”列表中选一条</translation>
        </message>
        <message>
            <source>Conflict on {receipt} settled: {note}</source>
            <translation>{receipt} 的冲突已处理：{note}</translation>
        </message>
        <message>
            <source>Pick a payment in the lists first</source>
            <translation>请先在列表中选择一笔缴费</translation>
        </message>
        <message>
            <source>{title} {number} sent to the printer</source>
            <translation>{title} {number} 已发送到打印机</translation>
        </message>
        <message>
            <source>{m} min</source>
            <translation>{m} 分钟</translation>
        </message>
        <message>
            <source>{h} h {m} min</source>
            <translation>{h} 小时 {m} 分</translation>
        </message>
        <message>
            <source>{d} days</source>
            <translation>{d} 天</translation>
        </message>
    </context>
    <context>
        <name>CameraDialog</name>
        <message>
            <source>Scan with the camera</source>
            <translation>用摄像头扫码</translation>
        </message>
    </context>
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
            <source>The day is closed</source>
            <translation>今天已经日结</translation>
        </message>
        <message>
            <source>Today's business day ({day}) was already closed. Open another business day with {amount} in the drawer?</source>
            <translation>今天的营业日（{day}）已经日结过了。要以钱箱里的 {amount} 再开一个营业日吗？</translation>
        </message>
        <message>
            <source>Open another business day (Y)</source>
            <translation>再开一个营业日 (Y)</translation>
        </message>
        <message>
            <source>No (N)</source>
            <translation>不开 (N)</translation>
        </message>
        <message>
            <source>Not opened: today stays closed</source>
            <translation>没有开始营业：今天仍是已日结</translation>
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
            <source>Daily close</source>
            <translation>日结</translation>
        </message>
        <message>
            <source>Close the business day {day}?
Counted {counted}, the drawer should hold {expected}: difference {diff}.
After the close, taking money again asks to open another business day.</source>
            <translation>要日结营业日 {day} 吗？
清点 {counted}，钱箱应有 {expected}：差额 {diff}。
日结以后再收钱，会先问是否再开一个营业日。</translation>
        </message>
        <message>
            <source>Close the day (Y)</source>
            <translation>日结 (Y)</translation>
        </message>
        <message>
            <source>Not yet (N)</source>
            <translation>先不日结 (N)</translation>
        </message>
        <message>
            <source>Not closed: the day stays open</source>
            <translation>没有日结：营业日继续</translation>
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
        <name>CashpointPage</name>
        <message>
            <source>The terminal declined it</source>
            <translation>终端显示交易失败</translation>
        </message>
        <message>
            <source>The terminal reversed it</source>
            <translation>终端已冲正</translation>
        </message>
        <message>
            <source>Recorded twice</source>
            <translation>重复记录</translation>
        </message>
        <message>
            <source>Card number, or swipe/read the card</source>
            <translation>卡号，或刷卡读卡</translation>
        </message>
        <message>
            <source>On the terminal's slip</source>
            <translation>终端凭条上的流水号</translation>
        </message>
        <message>
            <source>Bank (optional)</source>
            <translation>发卡银行（可不填）</translation>
        </message>
        <message>
            <source>Poverty-register household</source>
            <translation>建档立卡贫困户</translation>
        </message>
        <message>
            <source>Bank card</source>
            <translation>银行卡</translation>
        </message>
        <message>
            <source>Amount (yuan)</source>
            <translation>金额（元）</translation>
        </message>
        <message>
            <source>Trace no.</source>
            <translation>流水号</translation>
        </message>
        <message>
            <source>Terminal time</source>
            <translation>终端时间</translation>
        </message>
        <message>
            <source>Bank</source>
            <translation>发卡行</translation>
        </message>
        <message>
            <source>Cardholder</source>
            <translation>持卡人</translation>
        </message>
        <message>
            <source>At least ¥10, in tens of yuan; at most ¥1,000 a card a day</source>
            <translation>每笔至少10元、10元的整数倍；每卡每天最多1000元</translation>
        </message>
        <message>
            <source>Print again (Ctrl+P)</source>
            <translation>重打凭条 (Ctrl+P)</translation>
        </message>
        <message>
            <source>A withdrawal, from the terminal's slip</source>
            <translation>记一笔取款（照终端凭条填写）</translation>
        </message>
        <message>
            <source>Voucher</source>
            <translation>凭条号</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Card</source>
            <translation>卡号</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>not given</source>
            <translation>未给出</translation>
        </message>
        <message>
            <source>Day</source>
            <translation>日期</translation>
        </message>
        <message>
            <source>Bank settled (yuan)</source>
            <translation>银行结算（元）</translation>
        </message>
        <message>
            <source>Count</source>
            <translation>笔数</translation>
        </message>
        <message>
            <source>Pay out, print the voucher (Ctrl+Enter)</source>
            <translation>付款并打印凭条 (Ctrl+Enter)</translation>
        </message>
        <message>
            <source>Void (Ctrl+Delete)</source>
            <translation>作废 (Ctrl+Delete)</translation>
        </message>
        <message>
            <source>Record it (Ctrl+B)</source>
            <translation>记录结算 (Ctrl+B)</translation>
        </message>
        <message>
            <source>Withdrawals</source>
            <translation>取款笔数</translation>
        </message>
        <message>
            <source>Paid out</source>
            <translation>已付出</translation>
        </message>
        <message>
            <source>Bank settled</source>
            <translation>银行结算</translation>
        </message>
        <message>
            <source>Difference</source>
            <translation>差额</translation>
        </message>
        <message>
            <source>Against the bank's daily settlement</source>
            <translation>与银行每日结算对账</translation>
        </message>
        <message>
            <source>Today's withdrawals</source>
            <translation>今天的取款</translation>
        </message>
        <message>
            <source>Cash point</source>
            <translation>助农取款</translation>
        </message>
        <message>
            <source>Cash point today: {n} withdrawals, {amount}</source>
            <translation>今日助农取款：{n} 笔，{amount}</translation>
        </message>
        <message>
            <source>The bank owes {amount}</source>
            <translation>银行应付本站 {amount}</translation>
        </message>
        <message>
            <source>{card}: taken {taken} here today; up to {left} more</source>
            <translation>{card}：今天在本站已取 {taken}；最多还能取 {left}</translation>
        </message>
        <message>
            <source>Pay {amount} ({words}) to the cardholder{who}?
Card {card}, trace no. {trace}.
Count the cash out in front of them.</source>
            <translation>付给持卡人{who} {amount}（{words}）？
卡号 {card}，流水号 {trace}。
当面点清现金。</translation>
        </message>
        <message>
            <source>Pay out</source>
            <translation>付款</translation>
        </message>
        <message>
            <source>Pay it out (Y)</source>
            <translation>付款 (Y)</translation>
        </message>
        <message>
            <source>Not yet (N)</source>
            <translation>先不日结 (N)</translation>
        </message>
        <message>
            <source>Not paid: nothing was recorded</source>
            <translation>没有付款：什么也没有记录</translation>
        </message>
        <message>
            <source>Paid {amount} to card {card} (voucher {number}). Have the cardholder sign the voucher.</source>
            <translation>已付 {amount} 给卡 {card}（凭条 {number}）。请持卡人在凭条上签字。</translation>
        </message>
        <message>
            <source>Choose a withdrawal in today's list first</source>
            <translation>请先在今天的列表里选一笔取款</translation>
        </message>
        <message>
            <source>Void a withdrawal</source>
            <translation>作废一笔取款</translation>
        </message>
        <message>
            <source>Only when the terminal did not pay: take back {amount} in cash from the cardholder now, and have them sign the void slip.</source>
            <translation>只在终端没有成功出款时作废：现在向持卡人收回现金 {amount}，并请其在作废单上签字。</translation>
        </message>
        <message>
            <source>Withdrawal {number} voided: {amount} back in the drawer</source>
            <translation>取款 {number} 已作废：{amount} 已收回钱箱</translation>
        </message>
        <message>
            <source>{day}: the bank settled {bank}, the station paid out {paid}: they differ by {diff}. Ask the bank; record its correction here when it comes.</source>
            <translation>{day}：银行结算 {bank}，本站付出 {paid}，相差 {diff}。请向银行查询；银行更正后在这里补记。</translation>
        </message>
        <message>
            <source>{day}: the bank's settlement agrees with the {n} withdrawals ({paid})</source>
            <translation>{day}：银行结算与 {n} 笔取款（{paid}）相符</translation>
        </message>
    </context>
    <context>
        <name>CheckInTab</name>
        <message>
            <source>Scan the waybill barcode (or type it) and press Enter</source>
            <translation>扫运单条码（或输入运单号）后按回车</translation>
        </message>
        <message>
            <source>Phone number, or its last 4 digits</source>
            <translation>手机号，或手机尾号后 4 位</translation>
        </message>
        <message>
            <source>Name (when there is no phone number)</source>
            <translation>姓名（没有手机号时填写）</translation>
        </message>
        <message>
            <source>Waybill</source>
            <translation>运单号</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>快递公司</translation>
        </message>
        <message>
            <source>Phone / last 4</source>
            <translation>手机号 / 尾号</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Check in (Enter)</source>
            <translation>入库（回车）</translation>
        </message>
        <message>
            <source>Clear (Esc)</source>
            <translation>清空（Esc）</translation>
        </message>
        <message>
            <source>Pickup code</source>
            <translation>取件码</translation>
        </message>
        <message>
            <source>Recipient name</source>
            <translation>收件人</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>手机号</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>大小</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>{waybill} is already checked in: pickup code {code}, {status}, {time}</source>
            <translation>{waybill} 已经入库过：取件码 {code}，{status}，{time}</translation>
        </message>
        <message>
            <source>Waybill {old} was not checked in: scan it again</source>
            <translation>运单 {old} 还没有入库：请重新扫描</translation>
        </message>
        <message>
            <source>Already checked in · {status} · {time}</source>
            <translation>已经入过库 · {status} · {time}</translation>
        </message>
        <message>
            <source>Waybill {old} was not checked in; now checking in {new}</source>
            <translation>运单 {old} 没有入库；现在入库 {new}</translation>
        </message>
        <message>
            <source>— choose the carrier —</source>
            <translation>— 请选快递公司 —</translation>
        </message>
        <message>
            <source>Expected (county manifest): {name} {phone}</source>
            <translation>县里到件清单：{name} {phone}</translation>
        </message>
        <message>
            <source>Carrier is a guess: confirm it with the arrow keys and Enter</source>
            <translation>快递公司是猜的：用上下键确认后按回车</translation>
        </message>
        <message>
            <source>Not in the county manifest: type who it is for</source>
            <translation>县里的到件清单里没有：请输入收件人</translation>
        </message>
        <message>
            <source>Registered: {names}</source>
            <translation>登记的村民：{names}</translation>
        </message>
        <message>
            <source>Scan the waybill first</source>
            <translation>请先扫运单号</translation>
        </message>
        <message>
            <source>Shelf {slot} · {size}</source>
            <translation>货架 {slot} · {size}</translation>
        </message>
        <message>
            <source>Size (Alt+1-4)</source>
            <translation>大小（Alt+1…4）</translation>
        </message>
        <message>
            <source>The number does not say which carrier: choose it with the arrow keys, then Enter</source>
            <translation>单号看不出是哪家快递：用方向键选快递公司，再按回车</translation>
        </message>
        <message>
            <source>Checking in {waybill}…</source>
            <translation>正在入库 {waybill}…</translation>
        </message>
        <message>
            <source>Choose the carrier first: the waybill number does not say which it is</source>
            <translation>请先选快递公司：单号看不出是哪家</translation>
        </message>
        <message>
            <source>✓ Checked in: write this code on the parcel</source>
            <translation>✓ 已入库：把取件码写在包裹上</translation>
        </message>
        <message>
            <source>{waybill} checked in: pickup code {code}</source>
            <translation>{waybill} 已入库：取件码 {code}</translation>
        </message>
        <message>
            <source>Matched the county manifest</source>
            <translation>与县里的到件清单相符</translation>
        </message>
        <message>
            <source>No text message: tell the villager yourself</source>
            <translation>没有发短信：请自己通知村民</translation>
        </message>
        <message>
            <source>{name} is waiting for proxy order {number} ({goods}): Alt+O says this parcel brought it</source>
            <translation>{name} 有代购单 {number}（{goods}）在等货：按 Alt+O 把这个包裹关联到该订单</translation>
        </message>
        <message>
            <source>Check a parcel in first</source>
            <translation>请先入库一个包裹</translation>
        </message>
        <message>
            <source>The parcel just checked in is not for anyone waiting for a proxy order</source>
            <translation>刚入库的包裹不属于正在等代购货物的村民</translation>
        </message>
        <message>
            <source>Parcel linked to order {number}: at pickup it is handed over with the order, for the balance</source>
            <translation>包裹已关联代购单 {number}：取货时随订单一起交付并收尾款</translation>
        </message>
        <message>
            <source>Checked in today: {n}</source>
            <translation>今天已入库：{n} 件</translation>
        </message>
    </context>
    <context>
        <name>ConsignmentPage</name>
        <message>
            <source>Sell</source>
            <extracomment>what the page takes from the scanner on each tab (ui.scanning kinds): a product label goes on the sale from any counter tab, an order slip opens the orders tab</extracomment>
            <translation>销售</translation>
        </message>
        <message>
            <source>Take in</source>
            <translation>收货</translation>
        </message>
        <message>
            <source>Stock</source>
            <translation>库存</translation>
        </message>
        <message>
            <source>Settle</source>
            <translation>结算</translation>
        </message>
        <message>
            <source>Proxy orders</source>
            <translation>代购</translation>
        </message>
        <message>
            <source>Online shop</source>
            <translation>网店订单</translation>
        </message>
        <message>
            <source>Receipt / labels / statement</source>
            <translation>小票 / 标签 / 结算单</translation>
        </message>
        <message>
            <source>Consignment</source>
            <translation>代卖代买</translation>
        </message>
        <message>
            <source>This month: {sales} sales, {amount} (poverty-register households: {p_amount}); commission {commission}; settlements paid {paid}</source>
            <translation>本月：销售 {sales} 笔，{amount}（其中建档立卡贫困户 {p_amount}）；佣金 {commission}；已付结算 {paid}</translation>
        </message>
    </context>
    <context>
        <name>ConsignorCombo</name>
        <message>
            <source> (poverty register)</source>
            <extracomment>monospace fonts that draw a Chinese character two columns wide, as the printer does sends a printer Receipt to the print queue; None without a printer</extracomment>
            <translation>（建档立卡贫困户）</translation>
        </message>
        <message>
            <source>All consignors</source>
            <translation>全部寄卖人</translation>
        </message>
    </context>
    <context>
        <name>ConsignorDialog</name>
        <message>
            <source>New consignor</source>
            <translation>新寄卖人</translation>
        </message>
        <message>
            <source>Villager: name or phone (leave empty for a cooperative)</source>
            <translation>村民：姓名或手机号（合作社留空）</translation>
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
            <source>Cooperative's name</source>
            <translation>合作社名称</translation>
        </message>
        <message>
            <source>11-digit mobile number</source>
            <translation>11 位手机号</translation>
        </message>
        <message>
            <source>default</source>
            <translation>默认</translation>
        </message>
        <message>
            <source>Find villager</source>
            <translation>查找村民</translation>
        </message>
        <message>
            <source>or cooperative</source>
            <translation>或合作社</translation>
        </message>
        <message>
            <source>Commission (%)</source>
            <translation>佣金（%）</translation>
        </message>
        <message>
            <source>Save (Enter)</source>
            <translation>保存 (回车)</translation>
        </message>
    </context>
    <context>
        <name>CountyLinkDialog</name>
        <message>
            <source>Waiting for the county: {bills} bill payments (the county pays them), {sms} pickup texts (the county sends them), {pending} records to upload (the monthly report is made from them).</source>
            <extracomment>(True, the station's name at the county) or (False, a message a person can act on)</extracomment>
            <translation>等着县中心的：{bills} 笔缴费（由县中心去缴），{sms} 条取件短信（由县中心发出），{pending} 条记录待上传（月报由这些记录算出）。</translation>
        </message>
        <message>
            <source>The link to the county hub</source>
            <translation>与县级中心的连接</translation>
        </message>
        <message>
            <source>Everything you do is kept on this PC and works without the county. Connected, the station sends its records to the county hub and gets back what the county decides. While it is NOT connected: bill payments you take are not paid (only the county pays the billers), pickup texts are not sent to villagers, and the monthly report does not reach the county.</source>
            <translation>所有业务都先记在这台电脑上，不连县里也能照常办理。接入以后，服务站把记录上传到县级中心，并收到县里定下的事项。没有接入时：收下的缴费不会真正缴上（只有县中心能向缴费单位付款），取件短信发不到村民手上，月报也到不了县里。</translation>
        </message>
        <message>
            <source>To connect: ask the county office for this station's enrollment code (they make it with “station-hub enroll-code”), type the hub's address and the code below, and press Enter. The code works once.</source>
            <translation>接入方法：向县里要本站的接入码（县里用“station-hub enroll-code”生成），在下面填上县级中心的地址和接入码，按回车。接入码只能用一次。</translation>
        </message>
        <message>
            <source>e.g. https://hub.example-county.gov.cn</source>
            <translation>例如 https://hub.example-county.gov.cn</translation>
        </message>
        <message>
            <source>e.g. K7QM-2XDA-9WPE</source>
            <translation>例如 K7QM-2XDA-9WPE</translation>
        </message>
        <message>
            <source>County hub address</source>
            <translation>县级中心地址</translation>
        </message>
        <message>
            <source>Enrollment code</source>
            <translation>接入码</translation>
        </message>
        <message>
            <source>Connect (Enter)</source>
            <translation>接入（回车）</translation>
        </message>
        <message>
            <source>Close (Esc)</source>
            <translation>关闭（Esc）</translation>
        </message>
        <message>
            <source>Not connected to the county hub</source>
            <translation>尚未接入县级中心</translation>
        </message>
        <message>
            <source>not yet</source>
            <translation>还没有</translation>
        </message>
        <message>
            <source>Connected to the county hub</source>
            <translation>已接入县级中心</translation>
        </message>
        <message>
            <source>Station {station} at {url}. Last good sync: {when}. F12 syncs now. To connect to another hub, enter its address and a new code.</source>
            <translation>站点编号 {station}，县级中心 {url}。上次同步成功：{when}。按 F12 立即同步。要接入另一个县级中心，请填它的地址和新的接入码。</translation>
        </message>
        <message>
            <source>Type the hub's address and the enrollment code</source>
            <translation>请填写县级中心地址和接入码</translation>
        </message>
        <message>
            <source>Connecting to {url}…</source>
            <translation>正在连接 {url}……</translation>
        </message>
        <message>
            <source>Not connected: {reason}</source>
            <translation>没有接入：{reason}</translation>
        </message>
        <message>
            <source>Connected: this PC is station “{name}” at the county. The first sync starts now.</source>
            <translation>接入成功：这台电脑在县里是“{name}”。现在开始第一次同步。</translation>
        </message>
    </context>
    <context>
        <name>CourierTab</name>
        <message>
            <source>Open the batch (Ctrl+B)</source>
            <translation>开始交接（Ctrl+B）</translation>
        </message>
        <message>
            <source>Close and print the sheet (Ctrl+Enter)</source>
            <translation>交接完成并打印交接单（Ctrl+Enter）</translation>
        </message>
        <message>
            <source>Scan each parcel the courier takes (e-waybill or receipt no.)</source>
            <translation>逐件扫描交给快递员的包裹（电子面单号或小票号）</translation>
        </message>
        <message>
            <source>The courier who takes the parcels (last time's is filled in)</source>
            <translation>取件的快递员（已填上次的）</translation>
        </message>
        <message>
            <source>E-waybill</source>
            <translation>电子面单号</translation>
        </message>
        <message>
            <source>Recipient name</source>
            <translation>收件人</translation>
        </message>
        <message>
            <source>Weight</source>
            <translation>重量</translation>
        </message>
        <message>
            <source>Receipt</source>
            <translation>小票</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>快递公司</translation>
        </message>
        <message>
            <source>Courier name</source>
            <translation>快递员</translation>
        </message>
        <message>
            <source>Scanned into this batch</source>
            <translation>本批已扫</translation>
        </message>
        <message>
            <source>Still to scan (this carrier's parcels at the station)</source>
            <translation>还没扫（这家快递公司在站里的包裹）</translation>
        </message>
        <message>
            <source> · {n} waiting</source>
            <translation> · 待交 {n} 件</translation>
        </message>
        <message>
            <source>{carrier}: {n} parcels waiting · Ctrl+B opens the batch</source>
            <translation>{carrier}：待交 {n} 件 · 按 Ctrl+B 开始交接</translation>
        </message>
        <message>
            <source>{carrier} batch open: {scanned} scanned, {left} still to scan</source>
            <translation>{carrier} 正在交接：已扫 {scanned} 件，还差 {left} 件</translation>
        </message>
        <message>
            <source>Batch open for {carrier}: scan each parcel</source>
            <translation>{carrier} 开始交接：请逐件扫描</translation>
        </message>
        <message>
            <source>Open the batch first (Ctrl+B)</source>
            <translation>请先开始交接（Ctrl+B）</translation>
        </message>
        <message>
            <source>{waybill} is already in the batch</source>
            <translation>{waybill} 已在本批里</translation>
        </message>
        <message>
            <source>{waybill} scanned: {scanned} in the batch, {left} still to scan</source>
            <translation>{waybill} 已扫：本批 {scanned} 件，还差 {left} 件</translation>
        </message>
        <message>
            <source>Sheet {no}: {n} parcels handed to {courier}</source>
            <translation>交接单 {no}：{n} 件已交给 {courier}</translation>
        </message>
    </context>
    <context>
        <name>FarmInputDialog</name>
        <message>
            <source>Farm input: the trace chain</source>
            <translation>农资：记录追溯信息</translation>
        </message>
        <message>
            <source>As printed on the bag or bottle</source>
            <translation>按包装袋或瓶上印的填写</translation>
        </message>
        <message>
            <source>Batch no.</source>
            <translation>批号</translation>
        </message>
        <message>
            <source>Producer</source>
            <translation>生产企业</translation>
        </message>
        <message>
            <source>Write down what is sold</source>
            <translation>登记售出的农资</translation>
        </message>
        <message>
            <source>Hand it over (Enter)</source>
            <translation>交付 (Enter)</translation>
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
            <source>Restore from the county hub…</source>
            <translation>从县中心恢复…</translation>
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
        <name>FollowupDialog</name>
        <message>
            <source>Follow-up: {name}</source>
            <translation>回访：{name}</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>结果</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>日期</translation>
        </message>
        <message>
            <source>Jobs created</source>
            <translation>带动就业人数</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Earlier</source>
            <translation>以往回访</translation>
        </message>
        <message>
            <source>Save (Enter)</source>
            <translation>保存 (回车)</translation>
        </message>
    </context>
    <context>
        <name>HandOverTab</name>
        <message>
            <source>Pickup code, phone, last 4 digits, waybill or villager card, then Enter</source>
            <translation>取件码、手机号、尾号后 4 位、运单号或村民卡，按回车</translation>
        </message>
        <message>
            <source>or the name</source>
            <translation>或输入姓名</translation>
        </message>
        <message>
            <source>Hand over</source>
            <translation>交付</translation>
        </message>
        <message>
            <source>Recipient name</source>
            <translation>收件人</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>手机号</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>快递公司</translation>
        </message>
        <message>
            <source>Shelf</source>
            <translation>货架</translation>
        </message>
        <message>
            <source>Days</source>
            <translation>天数</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Someone else collects for them (Alt+D)</source>
            <translation>他人代取（Alt+D）</translation>
        </message>
        <message>
            <source>Name of the person collecting</source>
            <translation>代取人姓名</translation>
        </message>
        <message>
            <source>They agree to have parcels delivered to the station: record it (Alt+C)</source>
            <translation>收件人同意快递放在本站代收：记录下来（Alt+C）</translation>
        </message>
        <message>
            <source>Hand over the ticked parcels (Enter)</source>
            <translation>交付勾选的包裹（回车）</translation>
        </message>
        <message>
            <source>This is a {kind}, not a villager card</source>
            <translation>这是{kind}，不是村民卡</translation>
        </message>
        <message>
            <source>{name}: {n} parcels on the shelf, all ticked; the oldest has waited {days} days. Enter hands them over</source>
            <translation>{name}：架上有 {n} 件，已全部勾选；最早的一件已放了 {days} 天。按回车全部出库</translation>
        </message>
        <message>
            <source>{name}: 1 parcel on the shelf, ticked ({days} days). Enter hands it over</source>
            <translation>{name}：架上有 1 件，已勾选（{days} 天）。按回车出库</translation>
        </message>
        <message>
            <source>Nothing here can be handed over: see the status of each row</source>
            <translation>这些包裹都不能出库：请看每行的状态</translation>
        </message>
        <message>
            <source>{n} more found that may be someone else's: not ticked (Space ticks one)</source>
            <translation>另有 {n} 件可能是别人的：没有勾选（空格键勾选）</translation>
        </message>
        <message>
            <source>Pickup code {code} was already collected on {time} by {who} ({phone})</source>
            <translation>取件码 {code} 已于 {time} 由 {who}（{phone}）取走</translation>
        </message>
        <message>
            <source>Pickup code {code} is no longer on the shelf: {status} ({time})</source>
            <translation>取件码 {code} 的包裹已不在架上：{status}（{time}）</translation>
        </message>
        <message>
            <source>No parcel on the shelf has pickup code {code}</source>
            <translation>货架上没有取件码为 {code} 的包裹</translation>
        </message>
        <message>
            <source>Waybill {waybill} is no longer on the shelf: {status} ({time})</source>
            <translation>运单 {waybill} 已不在货架上：{status}（{time}）</translation>
        </message>
        <message>
            <source>No parcel with waybill {waybill} was ever checked in here</source>
            <translation>本站从未入库运单号为 {waybill} 的包裹</translation>
        </message>
        <message>
            <source>No parcel on the shelf for phone {phone}</source>
            <translation>货架上没有手机号 {phone} 的包裹</translation>
        </message>
        <message>
            <source>No parcel on the shelf for this villager</source>
            <translation>货架上没有这位村民的包裹</translation>
        </message>
        <message>
            <source>Nothing found for '{text}': try the pickup code or the phone number</source>
            <translation>没有找到“{text}”：请用取件码或手机号查</translation>
        </message>
        <message>
            <source>Consent to delivery at the station on record since {day}</source>
            <translation>已记录同意在本站代收（{day} 起）</translation>
        </message>
        <message>
            <source>Nothing is ticked: find the parcels first, Space ticks a row</source>
            <translation>没有勾选包裹：先查出包裹，空格键勾选</translation>
        </message>
        <message>
            <source>the recipient</source>
            <translation>收件人</translation>
        </message>
        <message>
            <source>✓ Handed over {n}: {codes}</source>
            <translation>✓ 已交付 {n} 件：{codes}</translation>
        </message>
        <message>
            <source>{n} parcels handed to {name}</source>
            <translation>已交给 {name} {n} 件</translation>
        </message>
        <message>
            <source>Hand the parcels over first</source>
            <translation>请先办理出库</translation>
        </message>
    </context>
    <context>
        <name>HomePage</name>
        <message>
            <source>To collect (on the shelf)</source>
            <extracomment>what each tile opens: (target, detail) for MainWindow.open_list county notices listed on the board (the rest are counted on a last line)</extracomment>
            <translation>待取（在货架上）</translation>
        </message>
        <message>
            <source>Overdue on the shelf</source>
            <translation>滞留</translation>
        </message>
        <message>
            <source>To hand to the courier</source>
            <translation>待交快递员</translation>
        </message>
        <message>
            <source>Bills waiting for the county</source>
            <translation>等待县中心缴费</translation>
        </message>
        <message>
            <source>Refunds due</source>
            <translation>待退款</translation>
        </message>
        <message>
            <source>Training today</source>
            <translation>今日培训</translation>
        </message>
        <message>
            <source>County link</source>
            <translation>县中心连接</translation>
        </message>
        <message>
            <source>Today: in · collected · sent</source>
            <translation>今日：入库 · 取件 · 寄件</translation>
        </message>
        <message>
            <source>Setting up this station</source>
            <translation>开站准备</translation>
        </message>
        <message>
            <source>Connect to the county hub (F12)</source>
            <translation>接入县级中心（F12）</translation>
        </message>
        <message>
            <source>Set up the receipt printer (F10)</source>
            <translation>设置小票打印机（F10）</translation>
        </message>
        <message>
            <source>Try the scanner gun (F11)</source>
            <translation>试一下扫码枪（F11）</translation>
        </message>
        <message>
            <source>Open the business day (F7, Ctrl+O)</source>
            <translation>开始营业（F7，Ctrl+O）</translation>
        </message>
        <message>
            <source>Tab to a count and press Enter to open its list. Scan a waybill, pickup code or villager card here to open the parcel. F1–F11 pages · F12 sync now · Ctrl+L lock</source>
            <translation>按 Tab 选中一个数字，回车打开它的清单。在本页扫运单号、取件码或村民卡，直接打开那件快递。F1–F11 切换页面 · F12 立即同步 · Ctrl+L 锁屏</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>今日</translation>
        </message>
        <message>
            <source>{date} · business day {day} open</source>
            <translation>{date} · 营业日 {day} 营业中</translation>
        </message>
        <message>
            <source>{date} · business day closed</source>
            <translation>{date} · 今日已日结</translation>
        </message>
        <message>
            <source>{date} · business day not open</source>
            <translation>{date} · 尚未开始营业</translation>
        </message>
        <message>
            <source>County notice, on the wall: {title}</source>
            <translation>县里的通知，已张贴：{title}</translation>
        </message>
        <message>
            <source>County notice: {title} — Enter to read, print and post it</source>
            <translation>县里的通知：{title} —— 按回车查看、打印、张贴</translation>
        </message>
        <message>
            <source>{n} more county notices ({unposted} not on the wall yet)</source>
            <translation>还有 {n} 条县里的通知（{unposted} 条尚未张贴）</translation>
        </message>
        <message>
            <source>not connected</source>
            <translation>未接入</translation>
        </message>
        <message>
            <source>refused</source>
            <translation>被拒绝</translation>
        </message>
        <message>
            <source>not yet synced</source>
            <translation>未同步过</translation>
        </message>
        <message>
            <source>County link · {n} to upload</source>
            <translation>县中心连接 · 待上传 {n}</translation>
        </message>
        <message>
            <source>{m} min ago</source>
            <translation>{m} 分钟前</translation>
        </message>
        <message>
            <source>{h} h ago</source>
            <translation>{h} 小时前</translation>
        </message>
        <message>
            <source>{d} days ago</source>
            <translation>{d} 天前</translation>
        </message>
        <message>
            <source>In the drawer</source>
            <translation>钱箱现金</translation>
        </message>
        <message>
            <source>The county hub REFUSED this station's records: {error}. Call the county office.</source>
            <translation>县级中心拒收了本站的记录：{error}。请给县里打电话。</translation>
        </message>
        <message>
            <source>Not connected to the county hub: {bills} bill payments are NOT paid and {sms} pickup texts are NOT sent until it is. Press Enter to see how to connect.</source>
            <translation>尚未接入县级中心：接入之前，{bills} 笔缴费不会缴上，{sms} 条取件短信发不出去。按回车看怎样接入。</translation>
        </message>
        <message>
            <source>Not connected to the county hub: {bills} bill payments are NOT paid until it is. Press Enter to see how to connect.</source>
            <translation>尚未接入县级中心：接入之前，{bills} 笔缴费不会缴上。按回车看怎样接入。</translation>
        </message>
        <message>
            <source>Not connected to the county hub: {sms} pickup texts are NOT sent until it is. Press Enter to see how to connect.</source>
            <translation>尚未接入县级中心：接入之前，{sms} 条取件短信发不出去。按回车看怎样接入。</translation>
        </message>
        <message>
            <source>Not connected to the county hub: bill payments and pickup texts need it. Press Enter to see how to connect.</source>
            <translation>尚未接入县级中心：缴费和取件短信都要接入后才能办。按回车看怎样接入。</translation>
        </message>
        <message>
            <source>The receipt printer is offline: check its cable and power.</source>
            <translation>小票打印机没有连上：请检查连接线和电源。</translation>
        </message>
        <message>
            <source>The receipt printer is out of paper: put in a new roll.</source>
            <translation>小票打印机没纸了：请换一卷新纸。</translation>
        </message>
        <message>
            <source>The receipt printer's cover is open: close it.</source>
            <translation>小票打印机的盖子开着：请盖好。</translation>
        </message>
        <message>
            <source>The receipt printer reports an error: see F10.</source>
            <translation>小票打印机报错：请看 F10。</translation>
        </message>
        <message>
            <source>Monthly report {month}: due to the county by {due} ({days} days left); {n} of its records are not uploaded yet.</source>
            <translation>{month} 月报：{due} 前要交到县里（还有 {days} 天）；其中 {n} 条记录还没上传。</translation>
        </message>
        <message>
            <source>Monthly report {month}: due by {due}; every record of it has reached the county.</source>
            <translation>{month} 月报：{due} 前交县里；所有记录都已上传到县里。</translation>
        </message>
        <message>
            <source>Today's business day is closed (daily close done). Money taken now asks to open another business day.</source>
            <translation>今天已经日结。现在再收钱，会先问是否再开一个营业日。</translation>
        </message>
        <message>
            <source>The business day is not open: count the drawer and open it (F7, Ctrl+O).</source>
            <translation>还没有开始营业：请清点钱箱后开始营业（F7，Ctrl+O）。</translation>
        </message>
    </context>
    <context>
        <name>IntakeTab</name>
        <message>
            <source>New consignor (Ctrl+N)</source>
            <translation>新寄卖人 (Ctrl+N)</translation>
        </message>
        <message>
            <source>e.g. 土鸡蛋</source>
            <translation>例如：土鸡蛋</translation>
        </message>
        <message>
            <source>consignor's default</source>
            <translation>按寄卖人默认</translation>
        </message>
        <message>
            <source>YYYY-MM-DD (optional)</source>
            <translation>年-月-日（可不填）</translation>
        </message>
        <message>
            <source>photo file (optional)</source>
            <translation>照片文件（可不填）</translation>
        </message>
        <message>
            <source>Goods</source>
            <translation>商品</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>Quantity</source>
            <translation>数量</translation>
        </message>
        <message>
            <source>Price</source>
            <translation>单价</translation>
        </message>
        <message>
            <source>Commission</source>
            <translation>佣金</translation>
        </message>
        <message>
            <source>Expiry</source>
            <translation>保质期至</translation>
        </message>
        <message>
            <source>Take in and print labels (Ctrl+S)</source>
            <translation>收货并打印标签 (Ctrl+S)</translation>
        </message>
        <message>
            <source>Consignor</source>
            <translation>寄卖人</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>单位</translation>
        </message>
        <message>
            <source>Price per unit (yuan)</source>
            <translation>单价（元）</translation>
        </message>
        <message>
            <source>Commission (%)</source>
            <translation>佣金（%）</translation>
        </message>
        <message>
            <source>Expiry date</source>
            <translation>保质期至</translation>
        </message>
        <message>
            <source>Photo</source>
            <translation>照片</translation>
        </message>
        <message>
            <source>Enter adds the item; Ctrl+Delete removes the chosen line</source>
            <translation>回车添加商品；Ctrl+Delete 删除选中的一行</translation>
        </message>
        <message>
            <source>Give the goods' name and quantity</source>
            <translation>请填写商品名称和数量</translation>
        </message>
        <message>
            <source>No line to remove: the intake list is empty</source>
            <translation>没有可删除的行：收货清单是空的</translation>
        </message>
        <message>
            <source>Removed from the list: {name} {quantity} {unit}</source>
            <translation>已从清单删除：{name} {quantity}{unit}</translation>
        </message>
        <message>
            <source>Choose the consignor first (Ctrl+N registers a new one)</source>
            <translation>请先选择寄卖人（Ctrl+N 登记新寄卖人）</translation>
        </message>
        <message>
            <source>Taken in: {lots} lots, {labels} labels</source>
            <translation>已收货：{lots} 个批次，{labels} 张标签</translation>
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
            <source>Save the new PIN (Enter)</source>
            <translation>保存新 PIN（回车）</translation>
        </message>
        <message>
            <source>New PIN</source>
            <translation>新 PIN</translation>
        </message>
        <message>
            <source>New PIN again</source>
            <translation>再输一次新 PIN</translation>
        </message>
        <message>
            <source>{name}, your PIN must be changed before you start: an older version of this program sent it, scrambled, to the county hub. Choose a new PIN of 4 to 8 digits and type it twice.</source>
            <translation>{name}，开始工作前请先更换 PIN：本程序的旧版本曾把它（加密后）发到了县平台。请设一个 4 到 8 位数字的新 PIN，输入两次。</translation>
        </message>
        <message>
            <source>The two PINs are not the same. Type the new PIN again.</source>
            <translation>两次输入的 PIN 不一样，请再输一次新 PIN。</translation>
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
            <source>{problem}. Nothing was changed.</source>
            <extracomment>pages that keep their own key, so the F-keys of the pages after them stay as they were (the counter services beside the cash desk: Shift+F1, Shift+F2)</extracomment>
            <translation>{problem}。没有做任何改动。</translation>
        </message>
        <message>
            <source>Scanned a {kind} ({code}): {page} does not take it. Nothing was changed.</source>
            <translation>扫到的是{kind}（{code}）：“{page}”页不收这种码，没有做任何改动。</translation>
        </message>
        <message>
            <source>Scan it on: {pages}.</source>
            <translation>可以在这些页面扫：{pages}。</translation>
        </message>
        <message>
            <source>, </source>
            <translation>、</translation>
        </message>
        <message>
            <source>Sync is not running in this program: it runs again when the program starts.</source>
            <translation>本程序里的同步没有运行：重新打开程序后会再运行。</translation>
        </message>
        <message>
            <source>Syncing with the county… {pending} records to upload.</source>
            <translation>正在与县中心同步……待上传 {pending} 条记录。</translation>
        </message>
        <message>
            <source>&amp;Sync</source>
            <translation>同步(&amp;S)</translation>
        </message>
        <message>
            <source>Sync now</source>
            <translation>立即同步</translation>
        </message>
        <message>
            <source>Sync to &amp;USB stick…</source>
            <translation>同步到U盘(&amp;U)…</translation>
        </message>
        <message>
            <source>&amp;Import from USB stick…</source>
            <translation>从U盘导入(&amp;I)…</translation>
        </message>
        <message>
            <source>Synced at {when}: {pushed} records sent, {pulled} received from the county, {pending} still to upload.</source>
            <translation>{when} 同步完成：上传 {pushed} 条记录，收到县里 {pulled} 条，还有 {pending} 条待上传。</translation>
        </message>
        <message>
            <source>The sync did not get through: {reason}. Nothing is lost; the program tries again by itself.</source>
            <translation>这次同步没有完成：{reason}。数据不会丢，程序会自己再试。</translation>
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
            <source>Operator: {name}</source>
            <translation>操作员：{name}</translation>
        </message>
        <message>
            <source>County got the records {when} ({by}) · {pending} to upload</source>
            <translation>县里 {when} 收到本站记录（{by}）· 待上传 {pending}</translation>
        </message>
        <message>
            <source>Not yet synced · {pending} to upload</source>
            <translation>尚未同步 · 待上传 {pending}</translation>
        </message>
        <message>
            <source>DEMO hub: SMS not really sent, bills not really paid</source>
            <extracomment>which gateways the county hub runs (county setting `hub.gateways`, issue 19)</extracomment>
            <translation>演示县中心：短信不会真正发出，缴费不会真正支付</translation>
        </message>
        <message>
            <source>County gateways: real</source>
            <translation>县中心通道：真实</translation>
        </message>
        <message>
            <source>{n} training photos are missing from this PC: the county cannot get them</source>
            <translation>本机缺少 {n} 张培训照片：县里无法收到</translation>
        </message>
        <message>
            <source>The county hub refused this station's records</source>
            <translation>县级中心拒收了本站的记录</translation>
        </message>
        <message>
            <source>Synced {when} · {pending} to upload</source>
            <translation>上次同步 {when} · 待上传 {pending}</translation>
        </message>
        <message>
            <source>Printer: ready</source>
            <translation>打印机：就绪</translation>
        </message>
        <message>
            <source>Printer: offline</source>
            <translation>打印机：未连接</translation>
        </message>
        <message>
            <source>Printer: out of paper</source>
            <translation>打印机：缺纸</translation>
        </message>
        <message>
            <source>Printer: cover open</source>
            <translation>打印机：盖子未关</translation>
        </message>
        <message>
            <source>Printer: error</source>
            <translation>打印机：故障</translation>
        </message>
        <message>
            <source>Printer: connected</source>
            <translation>打印机：已连接</translation>
        </message>
        <message>
            <source>Syncing with the county… {pending} to upload</source>
            <translation>正在与县中心同步…… 待上传 {pending}</translation>
        </message>
        <message>
            <source>Not connected to the county hub: {pending} records wait on this PC (F12: how to connect)</source>
            <translation>尚未接入县级中心：{pending} 条记录在本机等待上传（F12：怎样接入）</translation>
        </message>
        <message>
            <source>Sync REFUSED: {error} (F12)</source>
            <translation>同步被拒绝：{error}（F12）</translation>
        </message>
        <message>
            <source>DEMO FILE</source>
            <translation>演示文件</translation>
        </message>
        <message>
            <source>This station file is a demo: its county data (notices, bill results, online orders, county training) is made up, and it cannot join a real county hub.</source>
            <translation>这个服务站文件是演示文件：其中的县级数据（通知、缴费结果、网店订单、县里的培训）都是编造的，不能接入真实的县平台。</translation>
        </message>
    </context>
    <context>
        <name>NewPinsDialog</name>
        <message>
            <source>New PINs</source>
            <translation>新的 PIN</translation>
        </message>
        <message>
            <source>PIN</source>
            <translation>PIN</translation>
        </message>
        <message>
            <source>PIN again</source>
            <translation>再输一次 PIN</translation>
        </message>
        <message>
            <source>4–8 digits</source>
            <translation>4–8 位数字</translation>
        </message>
        <message>
            <source>Save the PINs (Enter)</source>
            <translation>保存 PIN（回车）</translation>
        </message>
        <message>
            <source>Set new PINs</source>
            <translation>设置新的 PIN</translation>
        </message>
        <message>
            <source>PINs are never sent to the county hub, so they did not come back with the station. Give each operator a new PIN now (leave one empty to let a manager set it later).</source>
            <translation>PIN 从不发送到县平台，所以没有随服务站一起恢复。现在请给每位操作员设置新的 PIN（留空的，以后可由站长设置）。</translation>
        </message>
        <message>
            <source>The two PINs of {name} are not the same</source>
            <translation>{name} 两次输入的 PIN 不一致</translation>
        </message>
    </context>
    <context>
        <name>NewTraineeDialog</name>
        <message>
            <source>Register and sign in</source>
            <translation>现场登记并签到</translation>
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
            <source>(as the session)</source>
            <translation>（同培训对象）</translation>
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
            <source>Trainee category</source>
            <translation>学员类别</translation>
        </message>
        <message>
            <source>Register and sign in (Enter)</source>
            <translation>登记并签到 (回车)</translation>
        </message>
    </context>
    <context>
        <name>NoticeDialog</name>
        <message>
            <source>Notice from the county</source>
            <translation>县里的通知</translation>
        </message>
        <message>
            <source>From {sender}</source>
            <translation>来自 {sender}</translation>
        </message>
        <message>
            <source>received {when}</source>
            <translation>{when} 收到</translation>
        </message>
        <message>
            <source>shown until {day}</source>
            <translation>显示到 {day}</translation>
        </message>
        <message>
            <source>Print on the receipt printer (Ctrl+P)</source>
            <translation>小票打印 (Ctrl+P)</translation>
        </message>
        <message>
            <source>A4 page for the wall (Ctrl+Shift+P)</source>
            <translation>A4张贴页 (Ctrl+Shift+P)</translation>
        </message>
        <message>
            <source>It is up on the wall (Ctrl+Enter)</source>
            <translation>已贴上墙 (Ctrl+Enter)</translation>
        </message>
        <message>
            <source>Close (Esc)</source>
            <translation>关闭（Esc）</translation>
        </message>
        <message>
            <source>Posted on the wall {when}: the county can see it</source>
            <translation>{when} 已张贴：县里能看到</translation>
        </message>
        <message>
            <source>The page could not be written: {reason}</source>
            <translation>张贴页没能保存：{reason}</translation>
        </message>
        <message>
            <source>The A4 page is in {path}</source>
            <translation>A4张贴页已保存在 {path}</translation>
        </message>
        <message>
            <source>Open it and print it from there.</source>
            <translation>请打开它再打印。</translation>
        </message>
    </context>
    <context>
        <name>OnlineTab</name>
        <message>
            <source>Order</source>
            <translation>订单</translation>
        </message>
        <message>
            <source>Receiver</source>
            <translation>收件人</translation>
        </message>
        <message>
            <source>Goods</source>
            <translation>商品</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>合计</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>E-waybill</source>
            <translation>电子面单</translation>
        </message>
        <message>
            <source>Scan each item's label into the box, then Ctrl+P packs</source>
            <translation>逐件扫描商品标签装箱，然后按 Ctrl+P 完成打包</translation>
        </message>
        <message>
            <source>Packed: print the packing slip (Ctrl+P)</source>
            <translation>打包完成：打印装箱单（Ctrl+P）</translation>
        </message>
        <message>
            <source>2.5 (kg) · 800 (g) · 6j (jin)</source>
            <translation>2.5（千克）· 800（克）· 6j（斤）</translation>
        </message>
        <message>
            <source>Scan the e-waybill: the order is sent</source>
            <translation>扫描电子面单：订单即发出</translation>
        </message>
        <message>
            <source>Why the goods come out of the box</source>
            <translation>拆包原因</translation>
        </message>
        <message>
            <source>Unpack: goods back on the shelf</source>
            <translation>拆包：商品放回货架</translation>
        </message>
        <message>
            <source>Why the goods cannot be sent (sold out, spoilt…)</source>
            <translation>无法发货的原因（已售完、变质等）</translation>
        </message>
        <message>
            <source>Cannot fill: tell the county</source>
            <translation>无法供货：告知县里</translation>
        </message>
        <message>
            <source>Weight</source>
            <translation>重量</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>快递公司</translation>
        </message>
        <message>
            <source>Orders from the county online shop</source>
            <translation>县级网店订单</translation>
        </message>
        <message>
            <source> — cancelled by the county: unpack</source>
            <translation> —— 县里已取消：请拆包</translation>
        </message>
        <message>
            <source>No online orders</source>
            <translation>没有网店订单</translation>
        </message>
        <message>
            <source>Why: {note}</source>
            <translation>原因：{note}</translation>
        </message>
        <message>
            <source>Sent as {waybill} ({carrier})</source>
            <translation>已发出：面单 {waybill}（{carrier}）</translation>
        </message>
        <message>
            <source>In the box: {codes}</source>
            <translation>已装箱：{codes}</translation>
        </message>
        <message>
            <source>This label is already in the box</source>
            <translation>这件商品已经装箱了</translation>
        </message>
        <message>
            <source>{name} in the box</source>
            <translation>{name} 已装箱</translation>
        </message>
        <message>
            <source>{number} packed; put the packing slip in the box. {printed}</source>
            <translation>{number} 已打包，请把装箱单放进箱内。{printed}</translation>
        </message>
        <message>
            <source>{number} sent as {waybill}: it goes with the next {carrier} courier batch</source>
            <translation>{number} 已按面单 {waybill} 发出：随下一批 {carrier} 交快递员</translation>
        </message>
        <message>
            <source>{number}: the county will hear it cannot be filled with the next sync</source>
            <translation>{number}：下次同步时会告知县里无法供货</translation>
        </message>
        <message>
            <source>{number} unpacked: the goods are back on hand</source>
            <translation>{number} 已拆包：商品已放回库存</translation>
        </message>
    </context>
    <context>
        <name>OrdersTab</name>
        <message>
            <source>Scan the order slip or villager card, or type the order number or phone, then Enter</source>
            <translation>扫描代购单或村民卡，或输入单号、手机号，然后回车</translation>
        </message>
        <message>
            <source>Order</source>
            <translation>订单</translation>
        </message>
        <message>
            <source>Villager</source>
            <translation>村民</translation>
        </message>
        <message>
            <source>Goods</source>
            <translation>商品</translation>
        </message>
        <message>
            <source>Deposit</source>
            <translation>订金</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Placed</source>
            <translation>下单日期</translation>
        </message>
        <message>
            <source>real cost (default: the estimate)</source>
            <translation>实际进价（默认按预估价）</translation>
        </message>
        <message>
            <source>Goods arrived (Alt+A)</source>
            <translation>货已到（Alt+A）</translation>
        </message>
        <message>
            <source>Hand over and take the balance (Ctrl+Enter)</source>
            <translation>交货并收尾款（Ctrl+Enter）</translation>
        </message>
        <message>
            <source>Why the order is cancelled</source>
            <translation>取消原因</translation>
        </message>
        <message>
            <source>Cancel the order</source>
            <translation>取消订单</translation>
        </message>
        <message>
            <source>Villager: name or phone (or scan their card)</source>
            <translation>村民：姓名或手机号（或扫描村民卡）</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Village</source>
            <translation>村</translation>
        </message>
        <message>
            <source>What to buy, in the villager's words</source>
            <translation>要买什么（按村民的说法）</translation>
        </message>
        <message>
            <source>Place the order (Ctrl+S)</source>
            <translation>下单（Ctrl+S）</translation>
        </message>
        <message>
            <source>County catalogue</source>
            <translation>县级代购目录</translation>
        </message>
        <message>
            <source>Request</source>
            <translation>代购要求</translation>
        </message>
        <message>
            <source>Quantity</source>
            <translation>数量</translation>
        </message>
        <message>
            <source>Estimated price (yuan)</source>
            <translation>预估价格（元）</translation>
        </message>
        <message>
            <source>Service fee (yuan)</source>
            <translation>服务费（元）</translation>
        </message>
        <message>
            <source>Paid by</source>
            <translation>支付方式</translation>
        </message>
        <message>
            <source>New order</source>
            <translation>新建代购单</translation>
        </message>
        <message>
            <source>Real cost (yuan)</source>
            <translation>实际进价（元）</translation>
        </message>
        <message>
            <source>Balance paid by</source>
            <translation>尾款支付方式</translation>
        </message>
        <message>
            <source>Orders waiting (Down to choose)</source>
            <translation>待处理订单（按↓选择）</translation>
        </message>
        <message>
            <source>Not in the catalogue: the villager's own request</source>
            <translation>目录中没有：按村民的要求代购</translation>
        </message>
        <message>
            <source>No order or villager matches {text}</source>
            <translation>没有与 {text} 相符的订单或村民</translation>
        </message>
        <message>
            <source>{name}: {n} open orders</source>
            <translation>{name}：{n} 个未完成订单</translation>
        </message>
        <message>
            <source>No order chosen</source>
            <translation>未选择订单</translation>
        </message>
        <message>
            <source>{number} {status}: estimate {estimate} + fee {fee} − deposit {deposit} = {due}</source>
            <translation>{number} {status}：预估 {estimate} + 服务费 {fee} − 订金 {deposit} = {due}</translation>
        </message>
        <message>
            <source>For {name} {phone} {village}</source>
            <translation>订购人：{name} {phone} {village}</translation>
        </message>
        <message>
            <source>No villager chosen: find them in the registry (F6 adds a person)</source>
            <translation>未选择村民：请在村民名册中查找（F6 可新增）</translation>
        </message>
        <message>
            <source>Order {whole}, deposit {deposit}, left to pay at pickup {rest}</source>
            <translation>订单合计 {whole}，订金 {deposit}，取货时还需付 {rest}</translation>
        </message>
        <message>
            <source>Choose the villager first: type their name or phone</source>
            <translation>请先选择村民：输入姓名或手机号</translation>
        </message>
        <message>
            <source>Quantity must be a whole number from 1 to 999</source>
            <translation>数量须为 1 到 999 的整数</translation>
        </message>
        <message>
            <source>Order {number} placed for {name}, deposit {deposit} taken. {printed}</source>
            <translation>已为 {name} 下代购单 {number}，收订金 {deposit}。{printed}</translation>
        </message>
        <message>
            <source>Choose an order first: scan its slip or type its number</source>
            <translation>请先选择订单：扫描代购单或输入单号</translation>
        </message>
        <message>
            <source>{number}: the goods are here. Tell {name}</source>
            <translation>{number}：货已到，请通知 {name}</translation>
        </message>
        <message>
            <source>take {amount}</source>
            <translation>收取 {amount}</translation>
        </message>
        <message>
            <source>give back {amount}</source>
            <translation>退还 {amount}</translation>
        </message>
        <message>
            <source>{number} handed over to {name}: {money}. {printed}</source>
            <translation>{number} 已交给 {name}：{money}。{printed}</translation>
        </message>
        <message>
            <source>{number} cancelled: give back the deposit {deposit}. {printed}</source>
            <translation>{number} 已取消：请退还订金 {deposit}。{printed}</translation>
        </message>
    </context>
    <context>
        <name>OutboundTab</name>
        <message>
            <source>Sender: name or phone (or scan their villager card)</source>
            <translation>寄件人：姓名或手机号（或扫村民卡）</translation>
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
            <source>Not registered: sender's name</source>
            <translation>未登记：寄件人姓名</translation>
        </message>
        <message>
            <source>and phone</source>
            <translation>和电话</translation>
        </message>
        <message>
            <source>11-digit mobile number</source>
            <translation>11 位手机号</translation>
        </message>
        <message>
            <source>Province, city, county, street and number</source>
            <translation>省、市、县、街道和门牌号</translation>
        </message>
        <message>
            <source>e.g. kiwi fruit, 2 boxes</source>
            <translation>例如：猕猴桃 2 箱</translation>
        </message>
        <message>
            <source>Farm produce (Space)</source>
            <translation>农产品（空格）</translation>
        </message>
        <message>
            <source>Cooperative sending: its unified social credit code</source>
            <translation>合作社寄件：统一社会信用代码</translation>
        </message>
        <message>
            <source>and its name</source>
            <translation>合作社名称</translation>
        </message>
        <message>
            <source>Province (type its name) or a county's 6-digit code</source>
            <translation>省（输入名称）或县的 6 位代码</translation>
        </message>
        <message>
            <source>What the goods are worth, yuan</source>
            <translation>货物价值（元）</translation>
        </message>
        <message>
            <source>Goes out of the county</source>
            <translation>寄往县外</translation>
        </message>
        <message>
            <source>Scan the e-waybill: the parcel is taken</source>
            <translation>扫电子面单：即收件</translation>
        </message>
        <message>
            <source>Sender</source>
            <translation>寄件人</translation>
        </message>
        <message>
            <source>or (Alt+W)</source>
            <translation>或（Alt+W）</translation>
        </message>
        <message>
            <source>Cooperative</source>
            <translation>合作社</translation>
        </message>
        <message>
            <source>Recipient name</source>
            <translation>收件人</translation>
        </message>
        <message>
            <source>Recipient's phone</source>
            <translation>收件人手机</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <source>Contents</source>
            <translation>物品</translation>
        </message>
        <message>
            <source>Destination</source>
            <translation>目的地</translation>
        </message>
        <message>
            <source>Goods' value</source>
            <translation>货值</translation>
        </message>
        <message>
            <source>Weight</source>
            <translation>重量</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>快递公司</translation>
        </message>
        <message>
            <source>No e-waybill photo: the subsidy will not count this parcel. Alt+P (webcam) or Alt+O (file) now adds it</source>
            <translation>没有电子面单照片：这件不能申请补贴。现在按 Alt+P（拍照）或 Alt+O（选文件）补上</translation>
        </message>
        <message>
            <source>Paid by</source>
            <translation>付款方式</translation>
        </message>
        <message>
            <source>E-waybill</source>
            <translation>电子面单号</translation>
        </message>
        <message>
            <source>Waiting for the courier</source>
            <translation>等快递员取走</translation>
        </message>
        <message>
            <source>Walk-in sender (not registered): name and phone go on the receipt</source>
            <translation>散客寄件（未登记）：姓名和电话印在收据上</translation>
        </message>
        <message>
            <source>Not in the registry: Enter, then type the sender's name and phone</source>
            <translation>花名册里没有：按回车，再输入寄件人姓名和电话</translation>
        </message>
        <message>
            <source>Postage {fee} ({table})</source>
            <translation>运费 {fee}（{table}）</translation>
        </message>
        <message>
            <source>Who sends it? Find them in the registry, or type a walk-in's name and phone (Alt+W)</source>
            <translation>谁寄件？在花名册里找，或者输入散客的姓名和电话（Alt+W）</translation>
        </message>
        <message>
            <source>Fee</source>
            <translation>运费</translation>
        </message>
        <message>
            <source>2.5 (kg) · 800 (g) · 6j (jin)</source>
            <translation>2.5（千克）· 800（克）· 6j（斤）</translation>
        </message>
        <message>
            <source>Sender: {name} {phone} {village}</source>
            <translation>寄件人：{name} {phone} {village}</translation>
        </message>
        <message>
            <source>Postage: type the weight</source>
            <translation>运费：请输入重量</translation>
        </message>
        <message>
            <source>county fee table</source>
            <translation>县里的价目表</translation>
        </message>
        <message>
            <source>standard fees</source>
            <translation>默认价目表</translation>
        </message>
        <message>
            <source>This county {code}</source>
            <translation>本县 {code}</translation>
        </message>
        <message>
            <source>E-waybill photo ready: kept with the parcel</source>
            <translation>电子面单照片已备好：随包裹保存</translation>
        </message>
        <message>
            <source>E-waybill photo: Alt+P webcam, Alt+O file (the subsidy needs it)</source>
            <translation>电子面单照片：Alt+P 拍照，Alt+O 选文件（申请补贴必须有）</translation>
        </message>
        <message>
            <source>E-waybill photo</source>
            <translation>电子面单照片</translation>
        </message>
        <message>
            <source>Hold the e-waybill under the camera: Space takes it</source>
            <translation>把电子面单放在摄像头下：按空格拍照</translation>
        </message>
        <message>
            <source>Photos (*.jpg *.jpeg *.png *.bmp *.webp)</source>
            <translation>图片 (*.jpg *.jpeg *.png *.bmp *.webp)</translation>
        </message>
        <message>
            <source>E-waybill photo kept with the parcel</source>
            <translation>电子面单照片已随包裹保存</translation>
        </message>
        <message>
            <source>The e-waybill looks like {carrier}'s: the carrier is changed. Check the postage and press Enter again</source>
            <translation>电子面单像是{carrier}的：已改选这家快递公司。请核对运费后再按回车</translation>
        </message>
        <message>
            <source>Receipt {no}: {fee} taken ({payment}), {carrier} {waybill}</source>
            <translation>小票 {no}：已收 {fee}（{payment}），{carrier} {waybill}</translation>
        </message>
    </context>
    <context>
        <name>OverdueTab</name>
        <message>
            <source>Scan or type a pickup code / waybill to add a parcel to the list</source>
            <translation>扫描或输入取件码 / 运单号，把包裹加到列表里</translation>
        </message>
        <message>
            <source>Pickup code</source>
            <translation>取件码</translation>
        </message>
        <message>
            <source>Recipient name</source>
            <translation>收件人</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>手机号</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>快递公司</translation>
        </message>
        <message>
            <source>Days</source>
            <translation>天数</translation>
        </message>
        <message>
            <source>Reminders</source>
            <translation>已提醒</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Text message</source>
            <translation>短信</translation>
        </message>
        <message>
            <source>Note (optional)</source>
            <translation>备注（可不填）</translation>
        </message>
        <message>
            <source>Photo file (optional, Ctrl+O to choose)</source>
            <translation>照片文件（可不填，Ctrl+O 选择）</translation>
        </message>
        <message>
            <source>Remind the selected (Ctrl+R)</source>
            <translation>提醒选中的（Ctrl+R）</translation>
        </message>
        <message>
            <source>Remind all in the list (Ctrl+Shift+R)</source>
            <translation>提醒列表里全部（Ctrl+Shift+R）</translation>
        </message>
        <message>
            <source>Return the selected (Ctrl+T)</source>
            <translation>退回选中的（Ctrl+T）</translation>
        </message>
        <message>
            <source>Record a problem (Ctrl+E)</source>
            <translation>登记问题件（Ctrl+E）</translation>
        </message>
        <message>
            <source>Choose photo (Ctrl+O)</source>
            <translation>选择照片（Ctrl+O）</translation>
        </message>
        <message>
            <source>Return to the carrier</source>
            <translation>退回快递公司</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Problem parcel</source>
            <translation>问题件</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Photo</source>
            <translation>照片</translation>
        </message>
        <message>
            <source>return it</source>
            <translation>应退回</translation>
        </message>
        <message>
            <source>No text</source>
            <translation>没有短信</translation>
        </message>
        <message>
            <source>{overdue} overdue (over {days} days on the shelf), {due} to return</source>
            <translation>滞留 {overdue} 件（在架超过 {days} 天），应退回 {due} 件</translation>
        </message>
        <message>
            <source>No parcel on the shelf for '{text}'</source>
            <translation>货架上没有“{text}”的包裹</translation>
        </message>
        <message>
            <source>Select parcels in the list first (arrow keys, Shift for several)</source>
            <translation>请先在列表里选中包裹（方向键，按住 Shift 可多选）</translation>
        </message>
        <message>
            <source>{n} reminder text messages queued; they go out with the next sync</source>
            <translation>已排队 {n} 条提醒短信，下次同步时发出</translation>
        </message>
        <message>
            <source>{n} parcels returned: give them to the courier</source>
            <translation>已退回 {n} 件：请交给快递员</translation>
        </message>
        <message>
            <source>{n} problem parcels recorded: {kind}</source>
            <translation>已登记 {n} 件问题件：{kind}</translation>
        </message>
        <message>
            <source>Photo of the parcel</source>
            <translation>包裹照片</translation>
        </message>
        <message>
            <source>Pictures (*.jpg *.jpeg *.png *.bmp)</source>
            <translation>图片 (*.jpg *.jpeg *.png *.bmp)</translation>
        </message>
    </context>
    <context>
        <name>ParcelPhotosDialog</name>
        <message>
            <source>Counter photo</source>
            <translation>柜台拍照</translation>
        </message>
        <message>
            <source>Photo kept with {n} parcels</source>
            <translation>照片已存到 {n} 个包裹</translation>
        </message>
        <message>
            <source>Counter photos</source>
            <translation>柜台照片</translation>
        </message>
        <message>
            <source>The file is missing on this PC</source>
            <translation>本机上找不到这个文件</translation>
        </message>
        <message>
            <source>Deleted after {days} days, as the county decides</source>
            <translation>按县里规定保存 {days} 天后已删除</translation>
        </message>
        <message>
            <source>No photos of this parcel</source>
            <translation>这个包裹没有照片</translation>
        </message>
        <message>
            <source>Close (Esc)</source>
            <translation>关闭（Esc）</translation>
        </message>
        <message>
            <source>Choose a parcel in the list first</source>
            <translation>请先在列表里选一个包裹</translation>
        </message>
    </context>
    <context>
        <name>ParcelsPage</name>
        <message>
            <source>Check in</source>
            <extracomment>what each tab takes from the scanner (ui.scanning kinds). Long digit runs and codes the classifier does not know may be waybills of a courier it has no rule for: check-in, the count and the courier's batch take them and say plainly if they are no waybill.</extracomment>
            <translation>入库</translation>
        </message>
        <message>
            <source>Hand over</source>
            <translation>出库</translation>
        </message>
        <message>
            <source>Overdue and returns</source>
            <translation>滞留与退件</translation>
        </message>
        <message>
            <source>Stock-take</source>
            <translation>盘库</translation>
        </message>
        <message>
            <source>Send</source>
            <translation>代发</translation>
        </message>
        <message>
            <source>Courier</source>
            <translation>交快递员</translation>
        </message>
        <message>
            <source>Parcels</source>
            <translation>快递</translation>
        </message>
    </context>
    <context>
        <name>PeoplePage</name>
        <message>
            <source>Search: name, any part of it, phone, last 4 digits of the phone</source>
            <extracomment>a phone finds the person; a villager card opens them</extracomment>
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
            <source>County's poverty register</source>
            <translation>建档立卡名单</translation>
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
        <message>
            <source>, model household</source>
            <translation>，示范户</translation>
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
    </context>
    <context>
        <name>PhotoDialog</name>
        <message>
            <source>Take the photo (Space)</source>
            <extracomment>how the dialog opens the camera; tests put a source of frames here</extracomment>
            <translation>拍照 (空格)</translation>
        </message>
        <message>
            <source>No photo (Esc)</source>
            <translation>不拍 (Esc)</translation>
        </message>
        <message>
            <source>No picture from the camera yet</source>
            <translation>摄像头还没有画面</translation>
        </message>
    </context>
    <context>
        <name>PrinterPage</name>
        <message>
            <source>(generic)</source>
            <translation>（通用）</translation>
        </message>
        <message>
            <source>Save and print a test page (Ctrl+P)</source>
            <translation>保存并打印测试页 (Ctrl+P)</translation>
        </message>
        <message>
            <source>Preview the test page</source>
            <translation>预览测试页</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Receipt</source>
            <translation>小票</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Reprint the selected receipt</source>
            <translation>重印选中的小票</translation>
        </message>
        <message>
            <source>Show the selected receipt</source>
            <translation>查看选中的小票</translation>
        </message>
        <message>
            <source>Printer</source>
            <translation>打印机</translation>
        </message>
        <message>
            <source>Paper</source>
            <translation>纸宽</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>型号</translation>
        </message>
        <message>
            <source>Receipts printed</source>
            <translation>已打印的小票</translation>
        </message>
        <message>
            <source>Printer ready</source>
            <translation>打印机就绪</translation>
        </message>
        <message>
            <source>Printer offline</source>
            <translation>打印机未连接</translation>
        </message>
        <message>
            <source>Out of paper</source>
            <translation>缺纸</translation>
        </message>
        <message>
            <source>Printer cover open</source>
            <translation>打印机盖子未关</translation>
        </message>
        <message>
            <source>Printer error</source>
            <translation>打印机故障</translation>
        </message>
        <message>
            <source>Printer state unknown</source>
            <translation>打印机状态未知</translation>
        </message>
        <message>
            <source>No printer set up</source>
            <translation>未设置打印机</translation>
        </message>
        <message>
            <source>Reprint sent to the printer</source>
            <translation>重印已发送到打印机</translation>
        </message>
    </context>
    <context>
        <name>ReadBackDialog</name>
        <message>
            <source>Read it back to the villager</source>
            <translation>向村民核对</translation>
        </message>
        <message>
            <source>Service</source>
            <translation>业务</translation>
        </message>
        <message>
            <source>To pay</source>
            <translation>应付</translation>
        </message>
        <message>
            <source>{amount} + service fee {fee}</source>
            <translation>{amount} + 手续费 {fee}</translation>
        </message>
        <message>
            <source>Cash received</source>
            <translation>实收现金</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>找零</translation>
        </message>
        <message>
            <source>Payer</source>
            <translation>缴费人</translation>
        </message>
        <message>
            <source>Take the money (Enter)</source>
            <translation>确认收款（回车）</translation>
        </message>
        <message>
            <source>Back, change it (Esc)</source>
            <translation>返回修改（Esc）</translation>
        </message>
        <message>
            <source>Is this right? Read it to the payer</source>
            <translation>对不对？请念给缴费人听</translation>
        </message>
        <message>
            <source>The account number is shown whole only here, to read back; the receipt shows it masked.</source>
            <translation>账号只在这里完整显示，方便念给缴费人核对；小票上会遮住中间几位。</translation>
        </message>
    </context>
    <context>
        <name>ReportsPage</name>
        <message>
            <source>Save as Excel (Ctrl+E)</source>
            <translation>存为 Excel（Ctrl+E）</translation>
        </message>
        <message>
            <source>Save as PDF (Ctrl+Shift+E)</source>
            <translation>存为 PDF（Ctrl+Shift+E）</translation>
        </message>
        <message>
            <source>Print today's close slip (Ctrl+P)</source>
            <translation>打印今天的日结单（Ctrl+P）</translation>
        </message>
        <message>
            <source>Section</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>Figure</source>
            <translation>指标</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>数值</translation>
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
            <source>Today</source>
            <translation>今日</translation>
        </message>
        <message>
            <source>Month (Ctrl+M)</source>
            <translation>月报（Ctrl+M）</translation>
        </message>
        <message>
            <source>Today (Ctrl+T)</source>
            <translation>今日（Ctrl+T）</translation>
        </message>
        <message>
            <source>Reports</source>
            <translation>报表</translation>
        </message>
        <message>
            <source>Month (PgUp/PgDn)</source>
            <translation>月份（PgUp/PgDn 翻月）</translation>
        </message>
        <message>
            <source>Daily report {day}</source>
            <translation>日报 {day}</translation>
        </message>
        <message>
            <source>Cash day {day} closed: expected {expected}, counted {counted}, over/short {diff}</source>
            <translation>{day} 营业日已日结：应有 {expected}，实点 {counted}，长短款 {diff}</translation>
        </message>
        <message>
            <source>Cash day {day} open: the drawer should hold {expected}</source>
            <translation>{day} 营业日未日结：钱箱应有 {expected}</translation>
        </message>
        <message>
            <source>No cash day today</source>
            <translation>今天还没有开始营业日</translation>
        </message>
        <message>
            <source>Save the monthly report in</source>
            <translation>把月报存到</translation>
        </message>
        <message>
            <source>The report could not be saved: {reason}</source>
            <translation>报表没有存上：{reason}</translation>
        </message>
        <message>
            <source>Report saved: {file}</source>
            <translation>报表已保存：{file}</translation>
        </message>
        <message>
            <source>No cash day today: there is no close slip to print</source>
            <translation>今天还没有营业日：没有日结单可打印</translation>
        </message>
    </context>
    <context>
        <name>RestoreFromHubDialog</name>
        <message>
            <source>Restore from the county hub</source>
            <extracomment>(True, "") when the station is back; (False, a message a person can act on) when not</extracomment>
            <translation>从县中心恢复</translation>
        </message>
        <message>
            <source>e.g. https://hub.example-county.gov.cn</source>
            <translation>例如 https://hub.example-county.gov.cn</translation>
        </message>
        <message>
            <source>e.g. K7QM-2XDA-9WPE</source>
            <translation>例如 K7QM-2XDA-9WPE</translation>
        </message>
        <message>
            <source>County hub address</source>
            <translation>县中心地址</translation>
        </message>
        <message>
            <source>Enrollment code</source>
            <translation>注册码</translation>
        </message>
        <message>
            <source>Restore (Enter)</source>
            <translation>开始恢复（回车）</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Restore this station from the county hub</source>
            <translation>从县中心恢复本服务站</translation>
        </message>
        <message>
            <source>For a station that already works with the county hub, on a new or repaired PC. Ask the county office for an enrollment code for your station; its records come back from the hub.</source>
            <translation>适用于已经和县中心同步过的服务站，换了新电脑或电脑修好后使用。请向县里要一个本站的注册码，本站的全部记录会从县中心取回。</translation>
        </message>
        <message>
            <source>Type the county hub address and the enrollment code</source>
            <translation>请输入县中心地址和注册码</translation>
        </message>
        <message>
            <source>Restoring the station from the county hub… this can take a few minutes</source>
            <translation>正在从县中心恢复本服务站…可能需要几分钟</translation>
        </message>
    </context>
    <context>
        <name>SaleTab</name>
        <message>
            <source>Scan a label, or type a lot number, then Enter</source>
            <translation>扫描标签，或输入批次号后按回车</translation>
        </message>
        <message>
            <source>Find goods by name or consignor (Ctrl+F), Enter puts them on the sale</source>
            <translation>按商品名或寄卖人查找 (Ctrl+F)，回车加入本单</translation>
        </message>
        <message>
            <source>Lot</source>
            <translation>批次</translation>
        </message>
        <message>
            <source>Goods</source>
            <translation>商品</translation>
        </message>
        <message>
            <source>Consignor</source>
            <translation>寄卖人</translation>
        </message>
        <message>
            <source>On hand</source>
            <translation>在库</translation>
        </message>
        <message>
            <source>Price</source>
            <translation>单价</translation>
        </message>
        <message>
            <source>Quantity</source>
            <translation>数量</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <source>Trace code</source>
            <translation>溯源码</translation>
        </message>
        <message>
            <source>Take the money (Ctrl+Enter)</source>
            <translation>收款 (Ctrl+回车)</translation>
        </message>
        <message>
            <source>Receipt no. (XS…)</source>
            <translation>小票号（XS…）</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Void the sale</source>
            <translation>作废本单</translation>
        </message>
        <message>
            <source>Take goods back (Ctrl+R)</source>
            <translation>退货 (Ctrl+R)</translation>
        </message>
        <message>
            <source>Qty</source>
            <translation>数量</translation>
        </message>
        <message>
            <source>Discount (yuan)</source>
            <translation>优惠（元）</translation>
        </message>
        <message>
            <source>Paid by</source>
            <translation>付款方式</translation>
        </message>
        <message>
            <source>Cash tendered</source>
            <translation>实收现金</translation>
        </message>
        <message>
            <source>This sale (Ctrl+Delete removes the chosen line)</source>
            <translation>本单商品（Ctrl+Delete 删除选中的一行）</translation>
        </message>
        <message>
            <source>No line to remove: the sale is empty</source>
            <translation>没有可删除的行：本单是空的</translation>
        </message>
        <message>
            <source>Removed from the sale: {name}</source>
            <translation>已从本单删除：{name}</translation>
        </message>
        <message>
            <source>Total {total}</source>
            <translation>合计 {total}</translation>
        </message>
        <message>
            <source>Scan a label or pick goods first</source>
            <translation>请先扫描标签或选择商品</translation>
        </message>
        <message>
            <source>, change {change}</source>
            <translation>，找零 {change}</translation>
        </message>
        <message>
            <source>Sold: receipt {number}, {total}</source>
            <translation>已售出：小票 {number}，{total}</translation>
        </message>
        <message>
            <source>Sale {number} voided</source>
            <translation>销售 {number} 已作废</translation>
        </message>
        <message>
            <source>Goods taken back ({number}), {refund} paid back</source>
            <translation>已退货（{number}），退款 {refund}</translation>
        </message>
    </context>
    <context>
        <name>ScannerPage</name>
        <message>
            <source>Scanner gun (keyboard)</source>
            <translation>扫码枪（键盘方式）</translation>
        </message>
        <message>
            <source>Camera</source>
            <translation>摄像头</translation>
        </message>
        <message>
            <source>Serial scanner</source>
            <translation>串口扫码器</translation>
        </message>
        <message>
            <source>Typed by hand</source>
            <translation>手工输入</translation>
        </message>
        <message>
            <source>Last scan</source>
            <translation>最近一次扫码</translation>
        </message>
        <message>
            <source>Device</source>
            <translation>设备</translation>
        </message>
        <message>
            <source>Speed</source>
            <translation>速度</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Courier</source>
            <translation>快递公司</translation>
        </message>
        <message>
            <source>Type a code and press Enter, or scan one anywhere</source>
            <translation>输入号码后按回车，或在本页任意处扫码</translation>
        </message>
        <message>
            <source>Built-in barcode reader (recommended)</source>
            <translation>内置条码识别（推荐）</translation>
        </message>
        <message>
            <source>ZBar barcode reader</source>
            <translation>ZBar 条码识别</translation>
        </message>
        <message>
            <source>Open the camera…</source>
            <translation>打开摄像头…</translation>
        </message>
        <message>
            <source>Barcode reader</source>
            <translation>条码识别引擎</translation>
        </message>
        <message>
            <source>Camera number</source>
            <translation>摄像头编号</translation>
        </message>
        <message>
            <source>Connect</source>
            <translation>连接</translation>
        </message>
        <message>
            <source>Port</source>
            <translation>端口</translation>
        </message>
        <message>
            <source>Speed (baud)</source>
            <translation>波特率</translation>
        </message>
        <message>
            <source>A scanner gun types like a keyboard: scan anywhere on this page. If letters go missing, switch the input method to English.</source>
            <translation>扫码枪就像键盘一样输入：在本页任意处扫码即可。如果字母丢失，请把输入法切换到英文。</translation>
        </message>
        <message>
            <source>Scanners</source>
            <translation>扫码设备</translation>
        </message>
        <message>
            <source>{cps:.0f} characters a second · {ms:.1f} ms per character</source>
            <translation>每秒 {cps:.0f} 个字符 · 每个字符 {ms:.1f} 毫秒</translation>
        </message>
        <message>
            <source>, </source>
            <translation>、</translation>
        </message>
        <message>
            <source>Could also be: {kinds}</source>
            <translation>也可能是：{kinds}</translation>
        </message>
        <message>
            <source>Choose the serial port the scanner is on</source>
            <translation>请选择扫码器所在的串口</translation>
        </message>
        <message>
            <source>Disconnect</source>
            <translation>断开</translation>
        </message>
    </context>
    <context>
        <name>ScannerSettingsPage</name>
        <message>
            <source>Scanner</source>
            <translation>扫码枪</translation>
        </message>
    </context>
    <context>
        <name>ServicesPage</name>
        <message>
            <source>Poverty-register household</source>
            <translation>建档立卡贫困户</translation>
        </message>
        <message>
            <source>What was done (a ticket's train and day, the policy asked about)</source>
            <translation>办了什么（如车次和日期、咨询的政策）</translation>
        </message>
        <message>
            <source>Service (Alt+1…9)</source>
            <translation>服务类别 (Alt+1…9)</translation>
        </message>
        <message>
            <source>People</source>
            <translation>人数</translation>
        </message>
        <message>
            <source>Served</source>
            <translation>服务对象</translation>
        </message>
        <message>
            <source>Fee (yuan)</source>
            <translation>收费（元）</translation>
        </message>
        <message>
            <source>Paid by</source>
            <translation>付款方式</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>详情</translation>
        </message>
        <message>
            <source>Record it (Ctrl+Enter)</source>
            <translation>记入台账 (Ctrl+Enter)</translation>
        </message>
        <message>
            <source>Void the chosen line (Ctrl+Delete)</source>
            <translation>作废所选 (Ctrl+Delete)</translation>
        </message>
        <message>
            <source>A service given</source>
            <translation>记一次便民服务</translation>
        </message>
        <message>
            <source>No.</source>
            <translation>编号</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Service</source>
            <translation>业务</translation>
        </message>
        <message>
            <source>Fee</source>
            <translation>收费</translation>
        </message>
        <message>
            <source>Records</source>
            <translation>记录</translation>
        </message>
        <message>
            <source>People served</source>
            <translation>服务人次</translation>
        </message>
        <message>
            <source>Fees</source>
            <translation>收费</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>今天</translation>
        </message>
        <message>
            <source>This month by service</source>
            <translation>本月按类别</translation>
        </message>
        <message>
            <source>Other services</source>
            <translation>便民服务</translation>
        </message>
        <message>
            <source>Services today: {n} records, {people} people served</source>
            <translation>今日便民服务：{n} 条，{people} 人次</translation>
        </message>
        <message>
            <source>This month: {people} served</source>
            <translation>本月 {people} 人次</translation>
        </message>
        <message>
            <source>voided</source>
            <translation>已作废</translation>
        </message>
        <message>
            <source>Recorded {number}: {service}, {people} served</source>
            <translation>已记 {number}：{service}，{people} 人次</translation>
        </message>
        <message>
            <source>Choose a line in today's list first</source>
            <translation>请先在今天的列表里选一条</translation>
        </message>
        <message>
            <source>Give the fee of {fee} back to the villager.</source>
            <translation>把收的 {fee} 退给村民。</translation>
        </message>
        <message>
            <source>The line stays in the ledger, marked voided.</source>
            <translation>这条记录留在台账里，标为已作废。</translation>
        </message>
        <message>
            <source>Void a service line</source>
            <translation>作废一条服务记录</translation>
        </message>
        <message>
            <source>Recorded by mistake</source>
            <translation>记错了</translation>
        </message>
        <message>
            <source>The villager cancelled</source>
            <translation>村民取消了</translation>
        </message>
        <message>
            <source>{number} voided</source>
            <translation>{number} 已作废</translation>
        </message>
    </context>
    <context>
        <name>SessionDialog</name>
        <message>
            <source>Edit the session</source>
            <translation>修改培训</translation>
        </message>
        <message>
            <source>New training session</source>
            <translation>新建培训</translation>
        </message>
        <message>
            <source>One a line: name: credentials</source>
            <translation>每行一位：姓名：资质</translation>
        </message>
        <message>
            <source>Session title</source>
            <translation>培训名称</translation>
        </message>
        <message>
            <source>Trainees</source>
            <translation>培训对象</translation>
        </message>
        <message>
            <source>Starts</source>
            <translation>开始时间</translation>
        </message>
        <message>
            <source>Hours</source>
            <translation>时长（小时）</translation>
        </message>
        <message>
            <source>Place</source>
            <translation>地点</translation>
        </message>
        <message>
            <source>Capacity</source>
            <translation>名额</translation>
        </message>
        <message>
            <source>Trainer organisation</source>
            <translation>培训机构</translation>
        </message>
        <message>
            <source>Trainer licence</source>
            <translation>培训资质证号</translation>
        </message>
        <message>
            <source>Lecturers</source>
            <translation>授课讲师</translation>
        </message>
        <message>
            <source>Syllabus</source>
            <translation>课程大纲</translation>
        </message>
        <message>
            <source>Save (Enter)</source>
            <translation>保存 (回车)</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <source>For me (the operator logged in)</source>
            <translation>我自己的设置（当前登录的操作员）</translation>
        </message>
        <message>
            <source>yuan</source>
            <translation>元</translation>
        </message>
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
            <source>Only a manager changes the station's settings. You can choose large text for yourself above.</source>
            <translation>只有站长能修改服务站的设置。你可以在上面给自己选择大字。</translation>
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
        <name>SettleTab</name>
        <message>
            <source>Alt+L last month · Alt+M this month · Alt+T up to today · arrows change the day · F4 calendar</source>
            <translation>Alt+L 上个月 · Alt+M 本月 · Alt+T 到今天 · 方向键改日期 · F4 打开日历</translation>
        </message>
        <message>
            <source>Preview (Enter)</source>
            <translation>预览 (回车)</translation>
        </message>
        <message>
            <source>Settle the period (Ctrl+S)</source>
            <translation>结算本期 (Ctrl+S)</translation>
        </message>
        <message>
            <source>Statement</source>
            <translation>结算单</translation>
        </message>
        <message>
            <source>Consignor</source>
            <translation>寄卖人</translation>
        </message>
        <message>
            <source>Period</source>
            <translation>结算期</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>应付</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Transfer reference (for a transfer)</source>
            <translation>转账单号（转账付款时填写）</translation>
        </message>
        <message>
            <source>Pay in cash (Ctrl+P)</source>
            <translation>现金付款 (Ctrl+P)</translation>
        </message>
        <message>
            <source>Paid by transfer</source>
            <translation>已转账付款</translation>
        </message>
        <message>
            <source>to</source>
            <translation>至</translation>
        </message>
        <message>
            <source>to pay</source>
            <translation>待付款</translation>
        </message>
        <message>
            <source>paid</source>
            <translation>已付款</translation>
        </message>
        <message>
            <source>cancelled</source>
            <translation>已取消</translation>
        </message>
        <message>
            <source>{n} lines, {due} due</source>
            <translation>共 {n} 行，应付 {due}</translation>
        </message>
        <message>
            <source>Statement {number}: {due} due to {name}</source>
            <translation>结算单 {number}：应付 {name} {due}</translation>
        </message>
        <message>
            <source>Choose a statement first</source>
            <translation>请先选择结算单</translation>
        </message>
        <message>
            <source>Paid {due} to {name}: ask for the signature on the statement</source>
            <translation>已付 {name} {due}：请寄卖人在结算单上签字</translation>
        </message>
    </context>
    <context>
        <name>SignInWindow</name>
        <message>
            <source>Sign-in: {title}</source>
            <extracomment>the window was closed (Esc)</extracomment>
            <translation>签到：{title}</translation>
        </message>
        <message>
            <source>Scan your training card, or type your phone number and press Enter</source>
            <translation>请扫描培训卡，或输入手机号后按回车</translation>
        </message>
        <message>
            <source>Esc leaves the sign-in screen</source>
            <translation>按 Esc 退出签到屏</translation>
        </message>
        <message>
            <source>{count} of {capacity} signed in</source>
            <translation>已签到 {count} / {capacity} 人</translation>
        </message>
        <message>
            <source>Welcome, {name}!</source>
            <translation>欢迎您，{name}！</translation>
        </message>
    </context>
    <context>
        <name>StationContext</name>
        <message>
            <source>Not done</source>
            <extracomment>a core action committed; carries the Changes flags of what it touched the operator logged in (Operator) or the screen was locked (None) the receipt printer; None where the program runs without one (tests, tools) where scanner-gun scans go (ui.scanning.ScanRouter) and the filter that reads them spoken prompts for the villager at the counter (station_app.speech.Speaker); None: silent</extracomment>
            <translation>未完成</translation>
        </message>
        <message>
            <source>The day is closed</source>
            <translation>今天已经日结</translation>
        </message>
        <message>
            <source>Today's business day ({day}) was closed with the daily close. Open another business day for this and the next payments? The drawer starts as the close counted it.</source>
            <translation>今天的营业日（{day}）已经日结。要为这一笔和后面的收付款再开一个营业日吗？钱箱按日结时清点的金额开始。</translation>
        </message>
        <message>
            <source>Open another business day (Y)</source>
            <translation>再开一个营业日 (Y)</translation>
        </message>
        <message>
            <source>No, leave the day closed (N)</source>
            <translation>不开，今天就到这里 (N)</translation>
        </message>
        <message>
            <source>No printer is set up: the receipt was not printed (F10 printer settings)</source>
            <translation>没有设置打印机，小票未打印（按 F10 设置打印机）</translation>
        </message>
        <message>
            <source>Receipt sent to the printer</source>
            <translation>小票已发送到打印机</translation>
        </message>
    </context>
    <context>
        <name>StickDialog</name>
        <message>
            <source>Sync to USB stick</source>
            <extracomment>(True, the job's result) or (False, a message a person can act on)</extracomment>
            <translation>同步到U盘</translation>
        </message>
        <message>
            <source>Import from USB stick</source>
            <translation>从U盘导入</translation>
        </message>
        <message>
            <source>For a station with no network: the county's courier carries this station's records to the county on a USB stick and brings the county's answer back. Plug in the stick and choose it below.</source>
            <translation>给没有网络的服务站用：县里的快递车用U盘把本站的记录带到县里，再把县里的回复带回来。请插上U盘，在下面选中它。</translation>
        </message>
        <message>
            <source>Plug in the stick the courier brought back from the county and choose it below: the county's answer for this station is imported (bundles for other stations are left alone).</source>
            <translation>插上快递车从县里带回来的U盘，在下面选中它：导入县里给本站的回复（给别的服务站的同步包不会动）。</translation>
        </message>
        <message>
            <source>the USB stick, e.g. E:\</source>
            <translation>U盘，例如 E:\</translation>
        </message>
        <message>
            <source>Choose a folder… (Ctrl+O)</source>
            <translation>选择文件夹…（Ctrl+O）</translation>
        </message>
        <message>
            <source>See what goes (Enter)</source>
            <translation>看看要带什么（Enter）</translation>
        </message>
        <message>
            <source>Import (Enter)</source>
            <translation>导入（Enter）</translation>
        </message>
        <message>
            <source>Close (Esc)</source>
            <translation>关闭（Esc）</translation>
        </message>
        <message>
            <source>USB stick</source>
            <translation>U盘</translation>
        </message>
        <message>
            <source>The USB stick</source>
            <translation>U盘</translation>
        </message>
        <message>
            <source>Choose the USB stick first</source>
            <translation>请先选择U盘</translation>
        </message>
        <message>
            <source>Importing…</source>
            <translation>正在导入…</translation>
        </message>
        <message>
            <source>Looking at the stick…</source>
            <translation>正在查看U盘…</translation>
        </message>
        <message>
            <source>Writing to the stick… do not pull it out</source>
            <translation>正在写入U盘…请不要拔出</translation>
        </message>
        <message>
            <source>The bundle holds {records} records and {files} files: {size} ({free} free on the stick).</source>
            <translation>同步包里有 {records} 条记录、{files} 个文件：共 {size}（U盘剩余 {free}）。</translation>
        </message>
        <message>
            <source>The stick cannot take everything: the oldest {records} of {waiting} records go now, the rest next time.</source>
            <translation>U盘放不下全部：这次先带最早的 {records} 条记录（共 {waiting} 条），其余下次再带。</translation>
        </message>
        <message>
            <source>{n} training photos the county lacks are not on this PC.</source>
            <translation>县里缺少的 {n} 张培训照片不在这台电脑上。</translation>
        </message>
        <message>
            <source>Write to the stick (Enter)</source>
            <translation>写入U盘（Enter）</translation>
        </message>
        <message>
            <source>Written: {file}. The stick can be pulled out and given to the courier.</source>
            <translation>已写好：{file}。可以拔出U盘交给快递车了。</translation>
        </message>
        <message>
            <source>Imported the county's answer: {changes} county changes received; the county holds {acked} records of this station.</source>
            <translation>已导入县里的回复：收到县里 {changes} 条更新；县里已有本站 {acked} 条记录。</translation>
        </message>
        <message>
            <source>This answer was imported before: nothing changed.</source>
            <translation>这个回复以前导入过：什么也没有改动。</translation>
        </message>
        <message>
            <source>No answer for this station on the stick ({others} for other stations).</source>
            <translation>U盘上没有给本站的回复（有 {others} 个是给别的服务站的）。</translation>
        </message>
    </context>
    <context>
        <name>StockTab</name>
        <message>
            <source>Lot</source>
            <translation>批次</translation>
        </message>
        <message>
            <source>Goods</source>
            <translation>商品</translation>
        </message>
        <message>
            <source>Consignor</source>
            <translation>寄卖人</translation>
        </message>
        <message>
            <source>On hand</source>
            <translation>在库</translation>
        </message>
        <message>
            <source>Price</source>
            <translation>单价</translation>
        </message>
        <message>
            <source>Expiry</source>
            <translation>保质期至</translation>
        </message>
        <message>
            <source>Taken in</source>
            <translation>收货日期</translation>
        </message>
        <message>
            <source>Hand the lot back to its consignor (Ctrl+H)</source>
            <translation>整批退还寄卖人 (Ctrl+H)</translation>
        </message>
        <message>
            <source>Print the lot's labels again (Ctrl+P)</source>
            <translation>重打本批次标签 (Ctrl+P)</translation>
        </message>
        <message>
            <source>On hand worth {on_hand}; sold, not yet settled {unsettled}; settled, not yet paid {unpaid}</source>
            <translation>在库货值 {on_hand}；已售未结算 {unsettled}；已结算未付款 {unpaid}</translation>
        </message>
        <message>
            <source>{n} lots on hand</source>
            <translation>在库 {n} 个批次</translation>
        </message>
        <message>
            <source>{qty} {unit} of {name} handed back to {consignor}</source>
            <translation>{name} {qty} {unit} 已退还 {consignor}</translation>
        </message>
    </context>
    <context>
        <name>StocktakeTab</name>
        <message>
            <source>On the shelf</source>
            <translation>在架</translation>
        </message>
        <message>
            <source>Should not be here (handed over or returned)</source>
            <translation>不该在架上（已取走或已退回）</translation>
        </message>
        <message>
            <source>Belongs on another shelf</source>
            <translation>属于别的货架</translation>
        </message>
        <message>
            <source>Not on record</source>
            <translation>没有记录</translation>
        </message>
        <message>
            <source>Shelf (empty: the whole station)</source>
            <translation>货架（空着：全站）</translation>
        </message>
        <message>
            <source>Start counting (Ctrl+S)</source>
            <translation>开始盘库（Ctrl+S）</translation>
        </message>
        <message>
            <source>Finish (Ctrl+F)</source>
            <translation>结束盘库（Ctrl+F）</translation>
        </message>
        <message>
            <source>Scan each parcel's waybill or pickup code</source>
            <translation>逐件扫运单号或取件码</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>条码</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>结果</translation>
        </message>
        <message>
            <source>Waybill</source>
            <translation>运单号</translation>
        </message>
        <message>
            <source>Pickup code</source>
            <translation>取件码</translation>
        </message>
        <message>
            <source>Recipient name</source>
            <translation>收件人</translation>
        </message>
        <message>
            <source>Settled</source>
            <translation>处理结果</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Missing (F found, L lost)</source>
            <translation>缺少（F 找到，L 丢失）</translation>
        </message>
        <message>
            <source>On record, not scanned</source>
            <translation>有记录但没扫到</translation>
        </message>
        <message>
            <source>Unexpected (R back, A aside)</source>
            <translation>多出（R 放回，A 放一边）</translation>
        </message>
        <message>
            <source>Scanned, not on record here: R puts it back on the shelf, A sets it aside</source>
            <translation>扫到了但这里没有记录：R 放回货架，A 放到一边</translation>
        </message>
        <message>
            <source>shelf {shelf}</source>
            <translation>{shelf} 号货架</translation>
        </message>
        <message>
            <source>all shelves</source>
            <translation>全部货架</translation>
        </message>
        <message>
            <source>Counting {scope}: {scanned} scanned · {on_shelf} on record on the shelves</source>
            <translation>正在盘点{scope}：已扫 {scanned} 件 · 记录在架 {on_shelf} 件</translation>
        </message>
        <message>
            <source>No count under way: Ctrl+S starts one</source>
            <translation>没有进行中的盘库：按 Ctrl+S 开始</translation>
        </message>
        <message>
            <source>(again)</source>
            <translation>（重复）</translation>
        </message>
        <message>
            <source>Count started: scan every parcel on the shelves, then Ctrl+F</source>
            <translation>盘库开始：逐件扫描货架上的包裹，扫完按 Ctrl+F</translation>
        </message>
        <message>
            <source>Start the count first (Ctrl+S)</source>
            <translation>请先开始盘库（Ctrl+S）</translation>
        </message>
        <message>
            <source>{code} was already counted</source>
            <translation>{code} 已经扫过了</translation>
        </message>
        <message>
            <source>End the count?</source>
            <translation>结束盘库？</translation>
        </message>
        <message>
            <source>{scanned} scanned so far. The {left} parcels on record that were not scanned will be listed as missing.</source>
            <translation>已扫 {scanned} 件。有记录但没扫到的 {left} 件会记为缺少。</translation>
        </message>
        <message>
            <source>End the count (Y)</source>
            <translation>结束盘库 (Y)</translation>
        </message>
        <message>
            <source>Keep counting (N)</source>
            <translation>继续盘库 (N)</translation>
        </message>
        <message>
            <source>Everything on record is on the shelves</source>
            <translation>记录的包裹都在货架上</translation>
        </message>
        <message>
            <source>{missing} missing, {unexpected} unexpected: settle each with its key</source>
            <translation>缺 {missing} 件，多出 {unexpected} 件：用对应的键逐件处理</translation>
        </message>
        <message>
            <source>Count finished: {scanned} scanned, {missing} missing, {unexpected} unexpected, {open} still to settle</source>
            <translation>盘库结束：已扫 {scanned} 件，缺 {missing} 件，多出 {unexpected} 件，还有 {open} 件待处理</translation>
        </message>
        <message>
            <source>{code}: {what}</source>
            <translation>{code}：{what}</translation>
        </message>
    </context>
    <context>
        <name>SurveyDialog</name>
        <message>
            <source>Satisfaction: {name}</source>
            <translation>满意度调查：{name}</translation>
        </message>
        <message>
            <source>Overall (1-5)</source>
            <translation>总体满意度（1-5）</translation>
        </message>
        <message>
            <source>Comment</source>
            <translation>意见建议</translation>
        </message>
        <message>
            <source>1 very poor · 2 poor · 3 fair · 4 good · 5 very good</source>
            <translation>1 很不满意 · 2 不满意 · 3 一般 · 4 满意 · 5 很满意</translation>
        </message>
        <message>
            <source>Save (Enter)</source>
            <translation>保存 (回车)</translation>
        </message>
    </context>
    <context>
        <name>TrainingPage</name>
        <message>
            <source>Starts</source>
            <translation>开始时间</translation>
        </message>
        <message>
            <source>Session title</source>
            <translation>培训名称</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Scan the training card or type the phone number, then Enter</source>
            <translation>扫培训卡或输入手机号，按回车签到</translation>
        </message>
        <message>
            <source>No.</source>
            <translation>序号</translation>
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
            <source>Category</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>Sign-in time</source>
            <translation>签到时间</translation>
        </message>
        <message>
            <source>Sign-out time</source>
            <translation>签退时间</translation>
        </message>
        <message>
            <source>Satisfaction</source>
            <translation>满意度</translation>
        </message>
        <message>
            <source>New session (Ctrl+N)</source>
            <translation>新建培训 (Ctrl+N)</translation>
        </message>
        <message>
            <source>Edit (Ctrl+E)</source>
            <translation>修改 (Ctrl+E)</translation>
        </message>
        <message>
            <source>Start sign-in (Ctrl+B)</source>
            <translation>开始签到 (Ctrl+B)</translation>
        </message>
        <message>
            <source>End the session (Ctrl+Shift+B)</source>
            <translation>结束培训 (Ctrl+Shift+B)</translation>
        </message>
        <message>
            <source>Sign-in screen (Ctrl+M)</source>
            <translation>签到屏 (Ctrl+M)</translation>
        </message>
        <message>
            <source>Register and sign in (Ctrl+R)</source>
            <translation>现场登记签到 (Ctrl+R)</translation>
        </message>
        <message>
            <source>Survey (Ctrl+U)</source>
            <translation>满意度 (Ctrl+U)</translation>
        </message>
        <message>
            <source>Sign out (Ctrl+O)</source>
            <translation>签退 (Ctrl+O)</translation>
        </message>
        <message>
            <source>Follow-up (Ctrl+F)</source>
            <translation>回访 (Ctrl+F)</translation>
        </message>
        <message>
            <source>Take back a sign-in</source>
            <translation>撤销签到</translation>
        </message>
        <message>
            <source>Add photo (Ctrl+P)</source>
            <translation>添加照片 (Ctrl+P)</translation>
        </message>
        <message>
            <source>Archive documents (Ctrl+G)</source>
            <translation>档案材料（Ctrl+G）</translation>
        </message>
        <message>
            <source>Roster PDF + Excel (Ctrl+S)</source>
            <translation>导出名册 PDF + Excel (Ctrl+S)</translation>
        </message>
        <message>
            <source>Print training card</source>
            <translation>打印培训卡</translation>
        </message>
        <message>
            <source>More (Alt+M)</source>
            <translation>更多 (Alt+M)</translation>
        </message>
        <message>
            <source>Training</source>
            <extracomment>a training card or a phone number signs in to the chosen session</extracomment>
            <translation>培训</translation>
        </message>
        <message>
            <source>This year: {sessions} sessions, {times} person-times of {target} · satisfaction {pct} (target {goal}%)</source>
            <translation>本年：{sessions} 期培训，{times} 人次（目标 {target}）· 满意度 {pct}（目标 {goal}%）</translation>
        </message>
        <message>
            <source>No training session yet: Ctrl+N plans one</source>
            <translation>还没有培训：按 Ctrl+N 新建</translation>
        </message>
        <message>
            <source>{state} · {starts} to {ends} · {place} · {trainer} · lecturers: {lecturers} · {photos} photos{county}</source>
            <translation>{state} · {starts} 至 {ends} · {place} · {trainer} · 讲师：{lecturers} · 照片 {photos} 张{county}</translation>
        </message>
        <message>
            <source> · on the county schedule</source>
            <translation> · 县里安排</translation>
        </message>
        <message>
            <source>Archive still lacks: {items}</source>
            <translation>档案还缺：{items}</translation>
        </message>
        <message>
            <source>Archive complete</source>
            <translation>档案齐全</translation>
        </message>
        <message>
            <source>Pick a session first</source>
            <translation>请先选一期培训</translation>
        </message>
        <message>
            <source>Pick a trainee in the list first</source>
            <translation>请先在名单中选一位学员</translation>
        </message>
        <message>
            <source>Session "{title}" planned</source>
            <translation>已新建培训“{title}”</translation>
        </message>
        <message>
            <source>Session saved</source>
            <translation>培训已保存</translation>
        </message>
        <message>
            <source>Sign-in is open: scan cards or type phone numbers</source>
            <translation>已开始签到：请扫卡或输入手机号</translation>
        </message>
        <message>
            <source>The session has ended with {count} signed in</source>
            <translation>培训已结束，共 {count} 人签到</translation>
        </message>
        <message>
            <source>{name} signed in (no. {count})</source>
            <translation>{name} 签到成功（第 {count} 位）</translation>
        </message>
        <message>
            <source>Start the session first (Ctrl+B)</source>
            <translation>请先开始签到 (Ctrl+B)</translation>
        </message>
        <message>
            <source>{name} signed out</source>
            <translation>{name} 已签退</translation>
        </message>
        <message>
            <source>Why is the sign-in of {name} taken back?</source>
            <translation>为什么撤销 {name} 的签到？</translation>
        </message>
        <message>
            <source>The sign-in of {name} was taken back</source>
            <translation>已撤销 {name} 的签到</translation>
        </message>
        <message>
            <source>Photo of the session</source>
            <translation>培训现场照片</translation>
        </message>
        <message>
            <source>Photos (*.jpg *.jpeg *.png *.bmp *.webp)</source>
            <translation>照片 (*.jpg *.jpeg *.png *.bmp *.webp)</translation>
        </message>
        <message>
            <source>Photo added to the session's archive</source>
            <translation>照片已加入本期培训档案</translation>
        </message>
        <message>
            <source>Save the roster in</source>
            <translation>名册保存到</translation>
        </message>
        <message>
            <source>The roster could not be saved: {reason}</source>
            <translation>名册没能保存：{reason}</translation>
        </message>
        <message>
            <source>Roster saved: {files}</source>
            <translation>名册已保存：{files}</translation>
        </message>
    </context>
    <context>
        <name>VillagerField</name>
        <message>
            <source>Name or phone (optional); scan the villager card</source>
            <extracomment>the chosen person changed (Person or None)</extracomment>
            <translation>姓名或手机号（可不填）；可扫村民卡</translation>
        </message>
        <message>
            <source>Not registered at this station</source>
            <translation>本站没有登记此人</translation>
        </message>
        <message>
            <source>Not registered: the name is recorded as typed</source>
            <translation>未登记：按输入的姓名记录</translation>
        </message>
        <message>
            <source>Nobody named (a walk-in)</source>
            <translation>未留姓名（散客）</translation>
        </message>
        <message>
            <source>({n} of {count}; Alt+Down the next)</source>
            <translation>（第{n}个，共{count}个；Alt+↓ 换下一个）</translation>
        </message>
    </context>
    <context>
        <name>VoidDialog</name>
        <message>
            <source>Wrong account number</source>
            <translation>户号/号码输错了</translation>
        </message>
        <message>
            <source>Wrong amount</source>
            <translation>金额输错了</translation>
        </message>
        <message>
            <source>The payer changed their mind</source>
            <translation>缴费人不缴了</translation>
        </message>
        <message>
            <source>Void a bill taken by mistake</source>
            <translation>作废收错的缴费</translation>
        </message>
        <message>
            <source>Why (pick or type)</source>
            <translation>原因（选择或输入）</translation>
        </message>
        <message>
            <source>This bill has already gone to the county. The county is asked to cancel it; once it answers that it was not paid, refund the payer from the Refund due list (Ctrl+R). Do NOT hand back cash now.</source>
            <translation>这一笔已经上传到县中心。会请县中心取消；县中心答复没有缴费后，再在“待退款”里给缴费人退款（Ctrl+R）。现在不要退现金。</translation>
        </message>
        <message>
            <source>Not sent to the county yet: it will never be paid. Hand back {amount} in cash now and have the payer sign the void receipt.</source>
            <translation>这一笔还没有上传到县中心：作废后不会再缴费。现在退还现金 {amount}，并请缴费人在作废凭证上签字。</translation>
        </message>
        <message>
            <source>Void it (Ctrl+Enter)</source>
            <translation>确认作废（Ctrl+回车）</translation>
        </message>
        <message>
            <source>Do not void (Esc)</source>
            <translation>不作废（Esc）</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Void this bill?</source>
            <translation>作废这一笔吗？</translation>
        </message>
    </context>
    <context>
        <name>VoidReasonDialog</name>
        <message>
            <source>Why (pick or type)</source>
            <translation>原因（选择或输入）</translation>
        </message>
        <message>
            <source>Void it (Ctrl+Enter)</source>
            <translation>确认作废（Ctrl+回车）</translation>
        </message>
        <message>
            <source>Do not void (Esc)</source>
            <translation>不作废（Esc）</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
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
    </context>
    <context>
        <name>bills</name>
        <message>
            <source>Electricity</source>
            <translation>电费</translation>
        </message>
        <message>
            <source>Water</source>
            <translation>水费</translation>
        </message>
        <message>
            <source>Phone top-up</source>
            <translation>话费充值</translation>
        </message>
        <message>
            <source>Cable TV</source>
            <translation>有线电视</translation>
        </message>
        <message>
            <source>Rural health insurance</source>
            <translation>城乡居民医保</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>其他</translation>
        </message>
        <message>
            <source>Accepted, waiting to go to the county</source>
            <translation>已受理，待上传县中心</translation>
        </message>
        <message>
            <source>Being paid</source>
            <translation>缴费中</translation>
        </message>
        <message>
            <source>Paid</source>
            <translation>缴费成功</translation>
        </message>
        <message>
            <source>Failed: refund due</source>
            <translation>缴费失败，待退款</translation>
        </message>
        <message>
            <source>Refunded</source>
            <translation>已退款</translation>
        </message>
        <message>
            <source>Voided: cash handed back, never sent to the county</source>
            <translation>已作废：现金已退还，未送县中心</translation>
        </message>
        <message>
            <source>Demo: simulated payment, NOT really paid</source>
            <translation>演示：模拟缴费，未真正支付</translation>
        </message>
        <message>
            <source>Partly paid ({paid}): refund of the unpaid {unpaid} due</source>
            <translation>部分缴费（已缴 {paid}）：未缴的 {unpaid} 待退款</translation>
        </message>
        <message>
            <source>Partly paid ({paid}): the unpaid {unpaid} refunded</source>
            <translation>部分缴费（已缴 {paid}）：未缴的 {unpaid} 已退款</translation>
        </message>
        <message>
            <source>The county reports this bill PAID after the cash was refunded: the biller and the payer both have the money. Call the county.</source>
            <extracomment>what the hub may report for a request; "submitted" (handed to the biller) ranks as pending</extracomment>
            <translation>县中心在已退款之后又报告此笔缴费成功：收费单位和付款人都拿到了这笔钱。请联系县中心。</translation>
        </message>
        <message>
            <source>The county first reported this bill failed, then paid: it is paid and no refund is owed. Check the biller's reference.</source>
            <translation>县中心先报告此笔缴费失败，后又报告成功：按缴费成功处理，不应退款。请核对缴费流水号。</translation>
        </message>
        <message>
            <source>The county reports this bill failed after reporting it paid. It stays paid; ask the county which is right.</source>
            <translation>县中心报告缴费成功后又报告失败。仍按缴费成功处理，请向县中心确认。</translation>
        </message>
        <message>
            <source>The county reports this bill PAID, but it was voided at the station and the cash handed back: the biller and the payer both have the money. Call the county.</source>
            <translation>县中心说这笔已缴费成功，但它已在本站作废、现金也已退还：缴费单位和缴费人都拿到了钱。请给县里打电话。</translation>
        </message>
        <message>
            <source>The biller paid only part of this bill ({detail}). It stays pending here: the county settles the rest with the payer.</source>
            <translation>收费单位只缴成了一部分（{detail}）。本站仍按处理中记录，其余部分由县里与缴费人结清。</translation>
        </message>
        <message>
            <source>The county reported this bill paid twice with different references ({detail}). Ask the county whether it was paid twice.</source>
            <translation>县中心两次报告此笔缴费成功，流水号不同（{detail}）。请向县中心确认是否重复缴费。</translation>
        </message>
        <message>
            <source>Not offered by this biller</source>
            <translation>该收费单位不提供户名核对</translation>
        </message>
        <message>
            <source>Not checked (offline)</source>
            <translation>未核对（离线）</translation>
        </message>
        <message>
            <source>Holder reported by the biller</source>
            <translation>户名由收费单位返回</translation>
        </message>
        <message>
            <source>Holder matches</source>
            <translation>户名一致</translation>
        </message>
        <message>
            <source>Holder differs: check with the payer</source>
            <translation>户名不一致，请与付款人核对</translation>
        </message>
        <message>
            <source>Bill payment acceptance slip</source>
            <translation>缴费受理凭证</translation>
        </message>
        <message>
            <source>Bill payment success receipt</source>
            <translation>缴费成功凭证</translation>
        </message>
        <message>
            <source>Bill payment failure notice</source>
            <translation>缴费失败通知</translation>
        </message>
        <message>
            <source>Bill payment refund receipt</source>
            <translation>缴费退款凭证</translation>
        </message>
        <message>
            <source>Bill payment void receipt</source>
            <translation>缴费作废凭证</translation>
        </message>
        <message>
            <source>DEMO bill payment (simulated, NOT paid)</source>
            <extracomment>a bill paid by a demo hub (its simulated biller): the receipt must never pass for proof</extracomment>
            <translation>演示缴费（模拟，未真正支付）</translation>
        </message>
        <message>
            <source>DEMO: the county hub runs in demo mode. Nothing was paid to the biller; this slip is not proof of payment.</source>
            <translation>演示：县中心处于演示模式，没有向收费单位付款，本凭条不能作为缴费凭证。</translation>
        </message>
        <message>
            <source>Accepted, NOT yet paid. Only the payment success receipt proves payment.</source>
            <translation>已受理，尚未缴费成功；请以缴费成功凭证为准</translation>
        </message>
        <message>
            <source>Paid: the biller has confirmed this payment.</source>
            <translation>缴费成功：收费单位已确认此笔缴费。</translation>
        </message>
        <message>
            <source>The payment failed. The full amount and fee are refunded at the station.</source>
            <translation>缴费失败。款项及手续费将在服务站全额退还。</translation>
        </message>
        <message>
            <source>Refunded in full in cash. The payer signs below.</source>
            <translation>已现金全额退款，请付款人在下方签字确认。</translation>
        </message>
        <message>
            <source>Voided before it went to the county: it will NOT be paid. The amount and fee were handed back in cash. The payer signs below.</source>
            <translation>在送县中心之前已作废：不会缴费。缴费金额和手续费已用现金退还。请缴费人在下面签字。</translation>
        </message>
        <message>
            <source>Bill payment partly paid notice</source>
            <extracomment>a bill the biller paid only part of (部分成功): its failure notice and refund receipt say what was paid and what comes back</extracomment>
            <translation>部分缴费通知</translation>
        </message>
        <message>
            <source>Bill payment partial refund receipt</source>
            <translation>部分缴费退款凭条</translation>
        </message>
        <message>
            <source>Partly paid: the biller paid {paid} of {amount} (reference {ref}). The unpaid {unpaid} is refunded at the station; the service fee is kept.</source>
            <translation>部分缴费：缴费单位只收到 {amount} 中的 {paid}（流水号 {ref}）。未缴的 {unpaid} 在服务站退还，服务费不退。</translation>
        </message>
        <message>
            <source>Partly paid: the biller paid {paid} of {amount} (reference {ref}). The unpaid {unpaid} was refunded in cash; the service fee is kept. The payer signs below.</source>
            <translation>部分缴费：缴费单位只收到 {amount} 中的 {paid}（流水号 {ref}）。未缴的 {unpaid} 已现金退还，服务费不退。请付款人在下方签字。</translation>
        </message>
    </context>
    <context>
        <name>camera</name>
        <message>
            <source>Opening the camera…</source>
            <extracomment>opening the camera frames are coming and being decoded the camera could not be opened (none, or in use) it stopped delivering frames (unplugged); it will be reopened stop() was called, or it was lost and reconnect is off what each state says on screen (context "camera")</extracomment>
            <translation>正在打开摄像头…</translation>
        </message>
        <message>
            <source>Hold the code in front of the camera</source>
            <translation>请把条码对准摄像头</translation>
        </message>
        <message>
            <source>No camera found, or another program is using it</source>
            <translation>没有找到摄像头，或摄像头正被其他程序占用</translation>
        </message>
        <message>
            <source>The camera stopped working (unplugged?); trying again…</source>
            <translation>摄像头停止工作（是否被拔掉？），正在重试…</translation>
        </message>
        <message>
            <source>Camera off</source>
            <translation>摄像头已关闭</translation>
        </message>
        <message>
            <source>To add it, run the station's Setup program again and tick “Scan with a camera” on the components page.</source>
            <extracomment>the camera component's packages (import names): OpenCV captures and turns frames, numpy holds them the folder `make package` builds beside dist/station-app, to copy into the program folder how the operator adds the component (context "camera"): with the Windows installer, by copying the built folder (a Linux bundle), or with pip (a station run from source)</extracomment>
            <translation>安装方法：重新运行服务站的安装程序，在“选择组件”一页勾选“摄像头扫码”。</translation>
        </message>
        <message>
            <source>To add it, copy everything in the {component} folder into the program's folder {folder}.</source>
            <translation>安装方法：把 {component} 文件夹里的全部内容复制到程序文件夹 {folder}。</translation>
        </message>
        <message>
            <source>To add it: pip install "village-station[camera]"</source>
            <translation>安装方法：pip install "village-station[camera]"</translation>
        </message>
    </context>
    <context>
        <name>carriers</name>
        <message>
            <source>ZTO Express</source>
            <translation>中通快递</translation>
        </message>
        <message>
            <source>YTO Express</source>
            <translation>圆通速递</translation>
        </message>
        <message>
            <source>Yunda Express</source>
            <translation>韵达快递</translation>
        </message>
        <message>
            <source>J&amp;T Express</source>
            <translation>极兔速递</translation>
        </message>
        <message>
            <source>STO Express</source>
            <translation>申通快递</translation>
        </message>
        <message>
            <source>SF Express</source>
            <translation>顺丰速运</translation>
        </message>
        <message>
            <source>China Post / EMS</source>
            <translation>中国邮政 / EMS</translation>
        </message>
        <message>
            <source>JD Logistics</source>
            <translation>京东物流</translation>
        </message>
        <message>
            <source>Best Express</source>
            <translation>百世快递</translation>
        </message>
        <message>
            <source>YunExpress</source>
            <translation>云途物流</translation>
        </message>
        <message>
            <source>DHL eCommerce</source>
            <translation>DHL 电子商务</translation>
        </message>
        <message>
            <source>Deppon Express</source>
            <translation>德邦快递</translation>
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
        <name>cashpoint</name>
        <message>
            <source>Paid out</source>
            <translation>已付出</translation>
        </message>
        <message>
            <source>Voided</source>
            <translation>已作废</translation>
        </message>
        <message>
            <source>Not settled yet</source>
            <translation>银行尚未结算</translation>
        </message>
        <message>
            <source>Settled, totals agree</source>
            <translation>已结算，金额相符</translation>
        </message>
        <message>
            <source>Settled, totals DIFFER</source>
            <translation>已结算，金额不符</translation>
        </message>
        <message>
            <source>Open</source>
            <extracomment>the same in a word, for a list</extracomment>
            <translation>未结算</translation>
        </message>
        <message>
            <source>Agrees</source>
            <translation>相符</translation>
        </message>
        <message>
            <source>DIFFERS</source>
            <translation>不符</translation>
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
        <message>
            <source>Returning graduate</source>
            <translation>返乡大学生</translation>
        </message>
        <message>
            <source>Returning migrant worker</source>
            <translation>返乡农民工</translation>
        </message>
        <message>
            <source>Service station keeper</source>
            <translation>服务站站长</translation>
        </message>
        <message>
            <source>Self-employed trader</source>
            <translation>个体经营户</translation>
        </message>
        <message>
            <source>Village cadre</source>
            <translation>村干部</translation>
        </message>
    </context>
    <context>
        <name>codes</name>
        <message>
            <source>Courier waybill</source>
            <extracomment>what each kind is called on screen (context "codes")</extracomment>
            <translation>快递运单号</translation>
        </message>
        <message>
            <source>Product barcode (EAN-13)</source>
            <translation>商品条码（EAN-13）</translation>
        </message>
        <message>
            <source>Product barcode (EAN-8)</source>
            <translation>商品条码（EAN-8）</translation>
        </message>
        <message>
            <source>Station label</source>
            <translation>本站标签</translation>
        </message>
        <message>
            <source>Pickup code</source>
            <translation>取件码</translation>
        </message>
        <message>
            <source>Mobile phone number</source>
            <translation>手机号码</translation>
        </message>
        <message>
            <source>ID card number</source>
            <translation>身份证号</translation>
        </message>
        <message>
            <source>Bill account number</source>
            <translation>缴费户号</translation>
        </message>
        <message>
            <source>The letters at the start name the courier</source>
            <translation>开头的字母标明了快递公司</translation>
        </message>
        <message>
            <source>A number without letters: the courier is a guess, please confirm it</source>
            <translation>纯数字单号：快递公司是推测的，请核对确认</translation>
        </message>
        <message>
            <source>JD package barcode: the package number after the waybill was removed</source>
            <translation>京东包裹条码：已去掉运单号后面的包裹序号</translation>
        </message>
        <message>
            <source>International postal item number with a correct check digit</source>
            <translation>国际邮件号码，校验位正确</translation>
        </message>
        <message>
            <source>Product barcode with a correct check digit</source>
            <translation>商品条码，校验位正确</translation>
        </message>
        <message>
            <source>The station's own label</source>
            <translation>本站自己打印的标签</translation>
        </message>
        <message>
            <source>Pickup code from a pickup slip or text message</source>
            <translation>取件单或短信上的取件码</translation>
        </message>
        <message>
            <source>11 digits starting with 13–19: a mobile phone number</source>
            <translation>以 13–19 开头的 11 位数字：手机号码</translation>
        </message>
        <message>
            <source>Resident ID card number with a correct check digit</source>
            <translation>居民身份证号码，校验位正确</translation>
        </message>
        <message>
            <source>A long number that fits nothing else: taken as a bill account number (a guess)</source>
            <translation>不符合其他任何格式的长数字：按缴费户号处理（仅为推测）</translation>
        </message>
    </context>
    <context>
        <name>consignment</name>
        <message>
            <source>Fresh produce</source>
            <translation>生鲜</translation>
        </message>
        <message>
            <source>Processed food</source>
            <translation>加工品</translation>
        </message>
        <message>
            <source>Handicraft</source>
            <translation>手工艺品</translation>
        </message>
        <message>
            <source>Cash</source>
            <translation>现金</translation>
        </message>
        <message>
            <source>QR payment</source>
            <translation>扫码支付</translation>
        </message>
        <message>
            <source>County online shop</source>
            <translation>县域网店</translation>
        </message>
        <message>
            <source>Consignor's signature</source>
            <extracomment>the line the consignor signs on the printed statement</extracomment>
            <translation>寄卖人签字</translation>
        </message>
    </context>
    <context>
        <name>dashboard</name>
        <message>
            <source>SMS the hub sends for one station per day (more are held for the county)</source>
            <extracomment>the county's limits per station (county settings, `station-hub set` or the dashboard)</extracomment>
            <translation>每个服务站每天由县中心发送的短信条数（超出的暂扣，等县里处理）</translation>
        </message>
        <message>
            <source>SMS the hub sends about one parcel (more are held for the county)</source>
            <translation>同一件快递最多发送的短信条数（超出的暂扣，等县里处理）</translation>
        </message>
        <message>
            <source>Bill payments the hub makes for one station per day (more are held)</source>
            <translation>每个服务站每天由县中心代缴的笔数（超出的暂扣）</translation>
        </message>
        <message>
            <source>Yuan of bill payments the hub makes for one station per day (more are held)</source>
            <translation>每个服务站每天由县中心代缴的金额上限（元，超出的暂扣）</translation>
        </message>
        <message>
            <source>File checked</source>
            <extracomment>what each action is, as county staff read it (an action without a label shows its code)</extracomment>
            <translation>文件已检查</translation>
        </message>
        <message>
            <source>File sent to the stations</source>
            <translation>文件已发给服务站</translation>
        </message>
        <message>
            <source>Notice sent</source>
            <translation>通知已发送</translation>
        </message>
        <message>
            <source>Service ledger categories sent</source>
            <translation>下发便民服务类别</translation>
        </message>
        <message>
            <source>Target or county setting set</source>
            <translation>设定目标或县级设置</translation>
        </message>
        <message>
            <source>County setting sent</source>
            <translation>县级设置已下发</translation>
        </message>
        <message>
            <source>Hub setting changed</source>
            <translation>修改中心设置</translation>
        </message>
        <message>
            <source>Month closed</source>
            <translation>月结</translation>
        </message>
        <message>
            <source>Enrollment code made</source>
            <translation>生成注册码</translation>
        </message>
        <message>
            <source>Station login revoked</source>
            <translation>吊销服务站</translation>
        </message>
        <message>
            <source>Warning settled by hand</source>
            <translation>手工解除警告</translation>
        </message>
        <message>
            <source>Staff login made or reset</source>
            <translation>新建或重设工作人员账号</translation>
        </message>
        <message>
            <source>Staff role set</source>
            <translation>设定工作人员角色</translation>
        </message>
        <message>
            <source>Catalogue imported</source>
            <translation>导入代购目录</translation>
        </message>
        <message>
            <source>Dispatch list imported</source>
            <translation>导入发车清单</translation>
        </message>
        <message>
            <source>Online order accepted</source>
            <translation>接收网店订单</translation>
        </message>
        <message>
            <source>Online order cancelled</source>
            <translation>取消网店订单</translation>
        </message>
        <message>
            <source>Demo county made</source>
            <translation>生成演示县</translation>
        </message>
        <message>
            <source>Your login ({role}) may not do this: it needs {wanted}.</source>
            <translation>你的账号（{role}）不能做这件事：需要{wanted}。</translation>
        </message>
        <message>
            <source>{biller} {product} ({kind}; account {digits} digits; {amounts}; fee {fee})</source>
            <translation>{biller} {product}（{kind}；账号 {digits} 位；{amounts}；手续费 {fee}）</translation>
        </message>
        <message>
            <source>County total ({covered} of {count} stations)</source>
            <translation>全县合计（含 {count} 个站中的 {covered} 个）</translation>
        </message>
        <message>
            <source>counted</source>
            <translation>已计入</translation>
        </message>
        <message>
            <source>counted; records only up to {day}</source>
            <translation>已计入；数据只到 {day}</translation>
        </message>
        <message>
            <source>not counted: {why}</source>
            <translation>未计入：{why}</translation>
        </message>
        <message>
            <source>Station status</source>
            <translation>服务站状态</translation>
        </message>
        <message>
            <source>Station problems</source>
            <translation>服务站问题</translation>
        </message>
        <message>
            <source>County monthly report {month} ({first} – {last})</source>
            <translation>县级汇总月报 {month}（{first} – {last}）</translation>
        </message>
        <message>
            <source>Closed by {who} at {when}: the figures as they stood then.</source>
            <translation>由 {who} 于 {when} 月结：当时的数字。</translation>
        </message>
        <message>
            <source>Prepared by (signature): ____________    Checked by (signature): ____________    Date: ____________</source>
            <translation>制表人（签字）：____________    审核人（签字）：____________    日期：____________</translation>
        </message>
        <message>
            <source>Stations</source>
            <translation>服务站</translation>
        </message>
        <message>
            <source>the hub holds no records of this station</source>
            <translation>县里还没有这个站的记录</translation>
        </message>
        <message>
            <source>no such station on this hub</source>
            <translation>县里没有这个服务站</translation>
        </message>
        <message>
            <source>its records reach only {day}, before this month began</source>
            <translation>它的记录只到 {day}，在本月开始之前</translation>
        </message>
        <message>
            <source>its report could not be computed: {error}</source>
            <translation>月报算不出：{error}</translation>
        </message>
        <message>
            <source>A station is silent after this many days without contact</source>
            <translation>服务站超过这么多天没有联系算失联</translation>
        </message>
        <message>
            <source>Count SMS that were not sent over this many days</source>
            <translation>统计这么多天内没发出去的短信</translation>
        </message>
        <message>
            <source>Station</source>
            <translation>服务站</translation>
        </message>
        <message>
            <source>Village</source>
            <translation>村</translation>
        </message>
        <message>
            <source>Needs attention</source>
            <translation>需要注意</translation>
        </message>
        <message>
            <source>Last contact</source>
            <translation>最后联系</translation>
        </message>
        <message>
            <source>Last upload</source>
            <translation>最后上传</translation>
        </message>
        <message>
            <source>Records received that day</source>
            <translation>当天收到的记录</translation>
        </message>
        <message>
            <source>Records dated that day</source>
            <translation>当天发生的记录</translation>
        </message>
        <message>
            <source>Records complete up to</source>
            <translation>数据完整到</translation>
        </message>
        <message>
            <source>Problems</source>
            <translation>问题</translation>
        </message>
        <message>
            <source>What to do</source>
            <translation>怎么办</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>是</translation>
        </message>
        <message>
            <source>Daily digest {day}</source>
            <translation>每日简报 {day}</translation>
        </message>
        <message>
            <source>{carrier} {zone}: first {first_g} g {first}, then {extra} per {extra_g} g</source>
            <translation>{carrier} {zone}：首重 {first_g} 克 {first}，续重每 {extra_g} 克 {extra}</translation>
        </message>
        <message>
            <source>Never synced</source>
            <translation>从未同步</translation>
        </message>
        <message>
            <source>Give the station its enrollment code (station-hub enroll-code) and have it enroll and sync (F12 at the station).</source>
            <translation>把注册码（station-hub enroll-code）交给服务站，让它注册并同步（服务站上按 F12）。</translation>
        </message>
        <message>
            <source>In contact, but no records uploaded yet</source>
            <translation>已联系，但还没有上传记录</translation>
        </message>
        <message>
            <source>Ask the station to sync (F12); if it still uploads nothing, look at the message on its screen.</source>
            <translation>请服务站同步（F12）；如果还是没有上传，看它屏幕上的提示。</translation>
        </message>
        <message>
            <source>Silent for {days} days (last contact {when})</source>
            <translation>已 {days} 天没有联系（最后联系 {when}）</translation>
        </message>
        <message>
            <source>Call the station: is the PC on, is the link up? Its figures are only complete up to {complete}.</source>
            <translation>打电话问服务站：电脑开着吗，网络通吗？它的数字只完整到 {complete}。</translation>
        </message>
        <message>
            <source>Refuses the county's data: asked {times} times for the same changes since {since}</source>
            <translation>拒收县里下发的数据：自 {since} 起同样的数据要了 {times} 次</translation>
        </message>
        <message>
            <source>The station's county data differs from the hub's. Look at the message on its screen (F12); restoring the station from the hub (station-app restore) mends it.</source>
            <translation>服务站的县级数据与中心的不一致。看它屏幕上的提示（F12）；从县里恢复服务站（station-app restore）可以修好。</translation>
        </message>
        <message>
            <source>Upload refused: its record {seq} differs from the county's copy (a forked history)</source>
            <translation>上传被拒：它的第 {seq} 条记录与县里的副本不一致（历史分叉）</translation>
        </message>
        <message>
            <source>The station is using an old backup or a copy of its file. Stop using the copy, then restore the station from the hub.</source>
            <translation>服务站在用旧备份或复制的数据文件。停用这个副本，然后从县里恢复服务站。</translation>
        </message>
        <message>
            <source>The station's file changed (restored, copied or moved to another PC)</source>
            <translation>服务站的数据文件换了（恢复备份、复制或换了电脑）</translation>
        </message>
        <message>
            <source>Make sure only one PC works as this station; revoke the old one (station-hub revoke) if two are in use.</source>
            <translation>确认只有一台电脑在当这个服务站用；如果两台都在用，吊销旧的（station-hub revoke）。</translation>
        </message>
        <message>
            <source>The station reported {now} records, fewer than the {before} before</source>
            <translation>服务站报告有 {now} 条记录，比以前的 {before} 条少</translation>
        </message>
        <message>
            <source>An old backup or a copy of the file is in use: restore the station from the hub.</source>
            <translation>在用旧备份或复制的文件：从县里恢复服务站。</translation>
        </message>
        <message>
            <source>The station PC's clock is off by {minutes} minutes</source>
            <translation>服务站电脑的时钟差了 {minutes} 分钟</translation>
        </message>
        <message>
            <source>Set the date and time on the station's PC.</source>
            <translation>在服务站电脑上校准日期和时间。</translation>
        </message>
        <message>
            <source>{n} records have warnings</source>
            <translation>{n} 条记录有警告</translation>
        </message>
        <message>
            <source>The station sees each warning on the record (有警告) and corrects it.</source>
            <translation>服务站在记录上能看到每条警告（有警告），请它更正。</translation>
        </message>
        <message>
            <source>{n} pickup SMS not sent in the last {days} days</source>
            <translation>近 {days} 天有 {n} 条取件短信没发出去</translation>
        </message>
        <message>
            <source>Check the phone numbers the station typed and the county's SMS gateway.</source>
            <translation>检查服务站录入的手机号和县里的短信通道。</translation>
        </message>
        <message>
            <source>Login revoked: the station cannot sync</source>
            <translation>已吊销：这个服务站不能同步</translation>
        </message>
        <message>
            <source>Make a new enrollment code if the station is to sync again.</source>
            <translation>如果要它重新同步，给它生成新的注册码。</translation>
        </message>
        <message>
            <source>{n} records were still waiting to upload at the last contact</source>
            <translation>最后联系时还有 {n} 条记录等待上传</translation>
        </message>
        <message>
            <source>They come with the next sync; if the number stays, ask the station to sync (F12).</source>
            <translation>下次同步会上传；如果数字一直不变，请服务站同步（F12）。</translation>
        </message>
        <message>
            <source>{n} things held for the county to decide (SMS or bill payments over the station's limits, odd requests)</source>
            <translation>有 {n} 项等县里决定（超出本站限额的短信或缴费、异常请求）</translation>
        </message>
        <message>
            <source>Look at each (GET /v1/admin/alerts) and release or refuse what was held (POST /v1/admin/held/sms|bills/ID); the station's payers and villagers wait for it.</source>
            <translation>逐项查看（GET /v1/admin/alerts），放行或拒绝被扣下的短信和缴费（POST /v1/admin/held/sms|bills/ID）；服务站的缴费人和村民在等。</translation>
        </message>
        <message>
            <source>The hub noted: {text}</source>
            <translation>中心记录：{text}</translation>
        </message>
        <message>
            <source>Call the station and look at it together.</source>
            <translation>给服务站打电话一起看看。</translation>
        </message>
        <message>
            <source>Too many requests: please wait a moment and try again</source>
            <translation>请求太频繁，请稍等片刻再试</translation>
        </message>
        <message>
            <source>What was sent is too large</source>
            <translation>提交的内容太大</translation>
        </message>
        <message>
            <source>Refused: this request came from another website</source>
            <translation>已拒绝：这个请求来自其他网站</translation>
        </message>
        <message>
            <source>This page has expired: open it again, then send the form again</source>
            <translation>页面已过期：请重新打开页面，再提交一次</translation>
        </message>
        <message>
            <source>This kind of request is not accepted here</source>
            <translation>这里不接受这种请求</translation>
        </message>
        <message>
            <source>The request is not in the right form</source>
            <translation>请求的格式不对</translation>
        </message>
        <message>
            <source>The request was not accepted</source>
            <translation>请求未被接受</translation>
        </message>
        <message>
            <source>Back to the overview</source>
            <translation>回到总览</translation>
        </message>
        <message>
            <source>{kind}: {sent} rows sent, {refused} refused, {skipped} skipped</source>
            <translation>{kind}：已发送 {sent} 行，拒收 {refused} 行，跳过 {skipped} 行</translation>
        </message>
        <message>
            <source>{kind}: {sent} rows would be sent, {refused} refused, {skipped} skipped (nothing sent: --dry-run)</source>
            <translation>{kind}：将发送 {sent} 行，拒收 {refused} 行，跳过 {skipped} 行（只检查，未发送：--dry-run）</translation>
        </message>
        <message>
            <source>This file was sent before (by {who} at {when}): nothing was sent again.</source>
            <translation>这个文件以前已经发送过（{who}，{when}）：这次没有再发送。</translation>
        </message>
        <message>
            <source>line {line}: {why}</source>
            <translation>第 {line} 行：{why}</translation>
        </message>
        <message>
            <source>Overview</source>
            <translation>总览</translation>
        </message>
        <message>
            <source>Daily digest</source>
            <translation>每日简报</translation>
        </message>
        <message>
            <source>Cash point and services</source>
            <translation>助农取款与便民服务</translation>
        </message>
        <message>
            <source>SMS and biller gateways</source>
            <translation>短信和缴费通道</translation>
        </message>
        <message>
            <source>County operations</source>
            <translation>县级业务</translation>
        </message>
        <message>
            <source>USB-stick bundles</source>
            <translation>U盘同步包</translation>
        </message>
        <message>
            <source>Month close</source>
            <translation>月结</translation>
        </message>
        <message>
            <source>Audit log</source>
            <translation>操作日志</translation>
        </message>
        <message>
            <source>Not allowed</source>
            <translation>没有权限</translation>
        </message>
        <message>
            <source>All well</source>
            <extracomment>set by `station-hub serve --demo` (`sync.hub.services`): every page then says so at its top</extracomment>
            <translation>正常</translation>
        </message>
        <message>
            <source>every station</source>
            <translation>全部服务站</translation>
        </message>
        <message>
            <source>station-hub report: the report of {station} cannot be computed: {why}</source>
            <translation>station-hub report：{station} 的月报算不出：{why}</translation>
        </message>
        <message>
            <source>station-hub report: written, but {n} of {count} stations are not counted in the totals:</source>
            <translation>station-hub report：已写出，但 {count} 个站中有 {n} 个未计入合计：</translation>
        </message>
        <message>
            <source>County admin</source>
            <translation>县级管理员</translation>
        </message>
        <message>
            <source>Viewer</source>
            <translation>查看员</translation>
        </message>
        <message>
            <source>Auditor</source>
            <translation>审计员</translation>
        </message>
        <message>
            <source>When</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Who</source>
            <translation>谁</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>角色</translation>
        </message>
        <message>
            <source>What</source>
            <translation>内容</translation>
        </message>
        <message>
            <source>On</source>
            <translation>对象</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>详情</translation>
        </message>
        <message>
            <source>{n} entries, newest first.</source>
            <translation>共 {n} 条，最新的在前。</translation>
        </message>
        <message>
            <source>Older</source>
            <translation>更早</translation>
        </message>
        <message>
            <source>Newer</source>
            <translation>更新</translation>
        </message>
        <message>
            <source>command line on the hub</source>
            <translation>中心命令行</translation>
        </message>
        <message>
            <source>Closing a month keeps its county report as it stands now: the figures the county submits. Records of the month that arrive later never change it: the month's overview shows them as a revision against it.</source>
            <translation>月结把本月全县月报按现在的数字冻结保存：这就是县里上报的数字。之后才到的本月记录不会改动它：本月总览会把它们列为对月结的修订。</translation>
        </message>
        <message>
            <source>Close the month</source>
            <translation>月结</translation>
        </message>
        <message>
            <source>Closed months</source>
            <translation>已月结的月份</translation>
        </message>
        <message>
            <source>Month</source>
            <translation>月份</translation>
        </message>
        <message>
            <source>Closed by</source>
            <translation>月结人</translation>
        </message>
        <message>
            <source>Closed at</source>
            <translation>月结时间</translation>
        </message>
        <message>
            <source>As closed</source>
            <translation>月结时的报表</translation>
        </message>
        <message>
            <source>Changes since</source>
            <translation>之后的变化</translation>
        </message>
        <message>
            <source>Stations counted</source>
            <translation>计入的服务站</translation>
        </message>
        <message>
            <source>none</source>
            <translation>无</translation>
        </message>
        <message>
            <source>{n} figures: see the month</source>
            <translation>{n} 项数字有变化：看本月总览</translation>
        </message>
        <message>
            <source>'{text}' is not a number of hours from 1 to 720</source>
            <translation>“{text}”不是 1 到 720 之间的小时数</translation>
        </message>
        <message>
            <source>Without hours given, each station's own county setting applies (bills.overdue_hours): {hours}.</source>
            <translation>未填小时数时，按各站收到的县级设置（bills.overdue_hours）：{hours}。</translation>
        </message>
        <message>
            <source>Too many wrong passwords: try again in {minutes} minutes</source>
            <translation>密码错误次数太多，请 {minutes} 分钟后再试</translation>
        </message>
        <message>
            <source>Not counted: {names}.</source>
            <extracomment>the figures in the overview's station table: (section, key)</extracomment>
            <translation>未计入：{names}。</translation>
        </message>
        <message>
            <source>Records not complete for the whole month: {names}.</source>
            <translation>本月数据不完整：{names}。</translation>
        </message>
        <message>
            <source>Month closed by {who} at {when}.</source>
            <translation>本月已由 {who} 于 {when} 月结。</translation>
        </message>
        <message>
            <source>County total</source>
            <translation>全县合计</translation>
        </message>
        <message>
            <source>{station}: {n} records</source>
            <translation>{station}：{n} 条</translation>
        </message>
        <message>
            <source>Figure</source>
            <translation>指标</translation>
        </message>
        <message>
            <source>At the close</source>
            <translation>月结时</translation>
        </message>
        <message>
            <source>Now</source>
            <translation>现在</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Sync</source>
            <translation>同步</translation>
        </message>
        <message>
            <source>Closed report (xlsx)</source>
            <translation>月结报表（xlsx）</translation>
        </message>
        <message>
            <source>Closed report (PDF)</source>
            <translation>月结报表（PDF）</translation>
        </message>
        <message>
            <source>Nothing changed since.</source>
            <translation>之后没有变化。</translation>
        </message>
        <message>
            <source>Revision against the closed month</source>
            <translation>对已月结数字的修订</translation>
        </message>
        <message>
            <source>Records of this month that arrived after the close: {late}.</source>
            <translation>月结后才到的本月记录：{late}。</translation>
        </message>
        <message>
            <source>{n} stations need attention</source>
            <translation>{n} 个服务站需要注意</translation>
        </message>
        <message>
            <source>County report (PDF)</source>
            <translation>全县月报（PDF）</translation>
        </message>
        <message>
            <source>Station report (PDF)</source>
            <translation>本站月报（PDF）</translation>
        </message>
        <message>
            <source>No figures for this station</source>
            <translation>这个服务站没有数字</translation>
        </message>
        <message>
            <source>Not included on this page:</source>
            <translation>本页不含：</translation>
        </message>
        <message>
            <source>Figures are computed from the records each station uploaded (the same as the station's own report for the records the county holds); a station counts only up to the time its records are complete. Click a number to see the records.</source>
            <translation>数字由各服务站上传的记录计算（对县里已收到的记录，与服务站自己的月报一致）；每个站只算到它的数据完整到的时间。点数字看明细。</translation>
        </message>
        <message>
            <source>Upload a file</source>
            <translation>上传文件</translation>
        </message>
        <message>
            <source>Each file is checked first: you see what would be sent and every refused row with its line number, then you confirm. The same file is sent once; stations get it at their next sync.</source>
            <translation>每个文件先检查：你会看到将发送的内容，以及每一行被拒收的原因和行号，确认后才发送。同一个文件只发送一次；服务站下次同步时收到。</translation>
        </message>
        <message>
            <source>Check the file</source>
            <translation>检查文件</translation>
        </message>
        <message>
            <source>For</source>
            <translation>发给</translation>
        </message>
        <message>
            <source>every station (or as the file says)</source>
            <translation>全部服务站（或按文件所写）</translation>
        </message>
        <message>
            <source>Send a notice to the stations</source>
            <translation>给服务站发通知</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>标题</translation>
        </message>
        <message>
            <source>Text</source>
            <translation>内容</translation>
        </message>
        <message>
            <source>Show until (optional)</source>
            <translation>显示到（可不填）</translation>
        </message>
        <message>
            <source>Send</source>
            <translation>代发</translation>
        </message>
        <message>
            <source>Notices sent</source>
            <translation>已发的通知</translation>
        </message>
        <message>
            <source>Targets and county settings</source>
            <translation>目标与县级设置</translation>
        </message>
        <message>
            <source>A station's own value outranks the county-wide one. Stations get a change at their next sync.</source>
            <translation>单站的值优先于全县统一的值。服务站下次同步时收到改动。</translation>
        </message>
        <message>
            <source>Set</source>
            <translation>设定</translation>
        </message>
        <message>
            <source>The hub's own settings</source>
            <translation>中心自身的设置</translation>
        </message>
        <message>
            <source>Notices and settings</source>
            <translation>通知与设置</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <source>Recent uploads</source>
            <translation>最近上传</translation>
        </message>
        <message>
            <source>Send to the stations</source>
            <translation>发送给服务站</translation>
        </message>
        <message>
            <source>Sent by {who} at {when}.</source>
            <translation>已由 {who} 于 {when} 发送。</translation>
        </message>
        <message>
            <source>Not sent yet.</source>
            <translation>尚未发送。</translation>
        </message>
        <message>
            <source>Will be sent ({n} rows)</source>
            <translation>将发送（{n} 行）</translation>
        </message>
        <message>
            <source>Sent ({n} rows)</source>
            <translation>已发送（{n} 行）</translation>
        </message>
        <message>
            <source>Refused ({n} rows): fix them in the file and upload it again</source>
            <translation>拒收（{n} 行）：请在文件里改正后重新上传</translation>
        </message>
        <message>
            <source>Skipped ({n})</source>
            <translation>跳过（{n}）</translation>
        </message>
        <message>
            <source>Line</source>
            <translation>行号</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Stations with no network send their records on the courier's USB stick. Choose every .vsb file on the stick and upload them (at most {limit} at once; a larger stick: station-hub import-bundle on this PC). Then download each station's return bundle and put it on the stick for the way back.</source>
            <translation>没有网络的服务站把记录放在快递车的U盘上送来。选中U盘上所有 .vsb 文件上传（一次最多 {limit}；更大的U盘请在本中心电脑上用 station-hub import-bundle）。然后下载每个服务站的回程包，放回U盘带回去。</translation>
        </message>
        <message>
            <source>Upload and import</source>
            <translation>上传并导入</translation>
        </message>
        <message>
            <source>Choose the .vsb files first.</source>
            <translation>请先选择 .vsb 文件。</translation>
        </message>
        <message>
            <source>Imported</source>
            <translation>导入</translation>
        </message>
        <message>
            <source>Return bundles: download each onto the stick</source>
            <translation>回程包：逐个下载到U盘上</translation>
        </message>
        <message>
            <source>Download the return bundle for {station}</source>
            <translation>下载给 {station} 的回程包</translation>
        </message>
        <message>
            <source>Recent bundles</source>
            <translation>最近的同步包</translation>
        </message>
        <message>
            <source>Only a county admin may import bundles ({role} may look).</source>
            <translation>只有县级管理员可以导入同步包（{role}只能查看）。</translation>
        </message>
        <message>
            <source>No return bundle for this station: {why}</source>
            <translation>没有给这个服务站的回程包：{why}</translation>
        </message>
        <message>
            <source>File</source>
            <translation>文件</translation>
        </message>
        <message>
            <source>Records</source>
            <translation>记录</translation>
        </message>
        <message>
            <source>New</source>
            <translation>新增</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>结果</translation>
        </message>
        <message>
            <source>Return bundle</source>
            <translation>回程包</translation>
        </message>
        <message>
            <source>imported</source>
            <translation>已导入</translation>
        </message>
        <message>
            <source>Download</source>
            <translation>下载</translation>
        </message>
        <message>
            <source>Uploaded</source>
            <translation>上传</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Setting</source>
            <translation>设置</translation>
        </message>
        <message>
            <source>Default</source>
            <translation>默认</translation>
        </message>
        <message>
            <source>County-wide</source>
            <translation>全县统一</translation>
        </message>
        <message>
            <source>Per station</source>
            <translation>单站</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>数值</translation>
        </message>
        <message>
            <source>Only a county admin may change these ({role} may look).</source>
            <translation>只有县级管理员可以修改（{role}只能查看）。</translation>
        </message>
        <message>
            <source>Done.</source>
            <translation>已完成。</translation>
        </message>
        <message>
            <source>Back to county operations</source>
            <translation>返回县级业务</translation>
        </message>
        <message>
            <source>Choose a file first.</source>
            <translation>请先选择文件。</translation>
        </message>
        <message>
            <source>This file was sent before: nothing was sent again.</source>
            <translation>这个文件以前已经发送过：这次没有再发送。</translation>
        </message>
        <message>
            <source>'{text}' is not a year from 2000 to 2100</source>
            <translation>“{text}”不是 2000 到 2100 之间的年份</translation>
        </message>
        <message>
            <source>Stations: {red} of {n} need attention</source>
            <translation>服务站：{n} 个中有 {red} 个需要注意</translation>
        </message>
        <message>
            <source>Records held</source>
            <translation>已收记录</translation>
        </message>
        <message>
            <source>Last contact is any request the station made; last upload the last time it sent new records (a station with nothing new does not upload). Silent after {days} days: change it under County operations.</source>
            <translation>最后联系：服务站最近一次连到县里（任何请求）；最后上传：最近一次送来新记录（没有新记录的站不会上传）。超过 {days} 天没有联系算失联：可在“县级业务”里修改。</translation>
        </message>
        <message>
            <source>'{text}' is not a day: write it like 2026-11-23</source>
            <translation>“{text}”不是日期：请写成 2026-11-23 这样</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>导出</translation>
        </message>
        <message>
            <source>program {version}</source>
            <translation>程序版本 {version}</translation>
        </message>
        <message>
            <source>Record {seq} ({kind}) cannot be counted at the county: {error}</source>
            <extracomment>what a shadow was folded with: the station's migrations and core source (its appliers and its report code, `replay_check.program`) and this fold; another program folds the shadow anew</extracomment>
            <translation>第 {seq} 条记录（{kind}）县里算不进去：{error}</translation>
        </message>
        <message>
            <source>This station's figures are left out of the county totals until it is fixed. Ask the station to run `station-app check` and call the county's technician with this record number.</source>
            <translation>修好之前，这个站的数字不计入全县合计。请服务站运行 `station-app check`，并把这个记录编号告诉县里的技术人员。</translation>
        </message>
        <message>
            <source>{title}: {starts} – {ends}, {place}</source>
            <translation>{title}：{starts} – {ends}，{place}</translation>
        </message>
        <message>
            <source>routed by the file</source>
            <translation>按文件分发</translation>
        </message>
        <message>
            <source>new: {name}</source>
            <translation>新增：{name}</translation>
        </message>
        <message>
            <source>changed: {name}</source>
            <translation>修改：{name}</translation>
        </message>
        <message>
            <source>withdrawn: {name}</source>
            <translation>下架：{name}</translation>
        </message>
        <message>
            <source>{n} items unchanged</source>
            <translation>{n} 项没有变化</translation>
        </message>
        <message>
            <source>{n} items the file leaves out are kept (rows were refused)</source>
            <translation>文件里没有的 {n} 项保留不下架（因为有行被拒收）</translation>
        </message>
        <message>
            <source>{number}: accepted before, nothing sent again</source>
            <translation>{number}：以前已接收，这次没有再发送</translation>
        </message>
        <message>
            <source>Dispatch list (parcels on their way)</source>
            <translation>发车清单（在途快递）</translation>
        </message>
        <message>
            <source>the logistics centre's CSV: waybill, carrier, recipient, phone, village, dispatch time</source>
            <translation>物流中心导出的 CSV：运单号、快递公司、收件人、手机号、目的村、发出时间</translation>
        </message>
        <message>
            <source>Proxy-purchase catalogue</source>
            <translation>代购目录</translation>
        </message>
        <message>
            <source>CSV: item no., name, spec, unit, price (yuan), supplier</source>
            <translation>CSV：编号、名称、规格、单位、价格（元）、供应商</translation>
        </message>
        <message>
            <source>Online-shop orders</source>
            <translation>网店订单</translation>
        </message>
        <message>
            <source>the shop's JSON list of orders (station, receiver, lines, total)</source>
            <translation>网店导出的 JSON 订单列表（服务站、收件人、商品行、合计）</translation>
        </message>
        <message>
            <source>Parcel fee table</source>
            <translation>快递收费标准</translation>
        </message>
        <message>
            <source>CSV: carrier, zone (县内/县外), first weight (g), first price, extra weight (g), extra price</source>
            <translation>CSV：快递公司、区域（县内/县外）、首重（克）、首重价格、续重（克）、续重价格</translation>
        </message>
        <message>
            <source>Biller list</source>
            <translation>代缴费项目表</translation>
        </message>
        <message>
            <source>CSV: biller no., biller, kind, product no., product, account digits, amounts, fee, commission</source>
            <translation>CSV：单位编号、缴费单位、类别、项目编号、项目、账号位数、金额、手续费、佣金</translation>
        </message>
        <message>
            <source>Training schedule</source>
            <translation>培训计划</translation>
        </message>
        <message>
            <source>CSV: station, name, category, start, end, place, lecturers, organiser</source>
            <translation>CSV：服务站、培训名称、类别、开始、结束、地点、讲师、培训机构</translation>
        </message>
        <message>
            <source>Administrative villages</source>
            <translation>行政村名单</translation>
        </message>
        <message>
            <source>CSV: village code (12 digits), village, township, poor village (是/否)</source>
            <translation>CSV：村代码（12 位）、村名、乡镇、贫困村（是/否）</translation>
        </message>
        <message>
            <source>Poverty register</source>
            <translation>建档立卡贫困户名单</translation>
        </message>
        <message>
            <source>CSV: household no., name, ID number, village, 脱贫状态, model household (是/否); ID numbers are sealed on the hub and never sent to a station</source>
            <translation>CSV：户编号、姓名、身份证号、村、脱贫状态、示范户（是/否）；身份证号在县里加密保存，从不发给服务站</translation>
        </message>
        <message>
            <source>Cash point and other services</source>
            <translation>助农取款与便民服务</translation>
        </message>
        <message>
            <source>Withdrawals</source>
            <translation>取款笔数</translation>
        </message>
        <message>
            <source>Cash paid out</source>
            <translation>付出现金</translation>
        </message>
        <message>
            <source>Cards</source>
            <translation>银行卡数</translation>
        </message>
        <message>
            <source>Days settled</source>
            <translation>已对账天数</translation>
        </message>
        <message>
            <source>Days that differ</source>
            <translation>对不上的天数</translation>
        </message>
        <message>
            <source>Bank minus station</source>
            <translation>银行减本站</translation>
        </message>
        <message>
            <source>People served</source>
            <translation>服务人次</translation>
        </message>
        <message>
            <source>Services recorded</source>
            <translation>服务记录数</translation>
        </message>
        <message>
            <source>Service fees</source>
            <translation>服务费</translation>
        </message>
        <message>
            <source>Farm inputs sold</source>
            <translation>农资售出</translation>
        </message>
        <message>
            <source>Farm inputs amount</source>
            <translation>农资金额</translation>
        </message>
        <message>
            <source>Notices posted</source>
            <translation>已张贴通知</translation>
        </message>
        <message>
            <source>County ({n} of {count} stations)</source>
            <translation>全县（{count} 个站中的 {n} 个）</translation>
        </message>
        <message>
            <source>A red row: on some day the bank settled a different total than the station paid out. The station sees the same day flagged on its cash point page until the bank's correction is recorded.</source>
            <translation>红色行：某天银行结算的金额与服务站付出的不一致。服务站的助农取款页上同一天也标为红色，直到补记银行的更正。</translation>
        </message>
        <message>
            <source>The service ledger's categories</source>
            <translation>便民服务台账的类别</translation>
        </message>
        <message>
            <source>One category a line: a short code (letters, digits, _), then its name. The whole list goes to every station at its next sync; a category left out is retired (its records keep its name).</source>
            <translation>每行一个类别：先写简短代码（字母、数字、_），再写名称。整张清单在各站下次同步时生效；清单里去掉的类别停用（已有记录保留原名称）。</translation>
        </message>
        <message>
            <source>Sent by the county at {when}.</source>
            <translation>县里于 {when} 下发。</translation>
        </message>
        <message>
            <source>The stations keep the list they started with: the county has not sent its own.</source>
            <translation>县里还没有下发类别清单：各站使用初始清单。</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>代码</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>County notices on the stations' walls</source>
            <translation>各站张贴县里通知的情况</translation>
        </message>
        <message>
            <source>Notice</source>
            <translation>通知</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>下发</translation>
        </message>
        <message>
            <source>Posted</source>
            <translation>已张贴</translation>
        </message>
        <message>
            <source>Not posted yet</source>
            <translation>尚未张贴</translation>
        </message>
        <message>
            <source>Farm-produce outbound subsidy cap for the county and year (yuan)</source>
            <translation>全县农产品出县快递补贴年度上限（元）</translation>
        </message>
        <message>
            <source>Training person-times target for the county and year</source>
            <translation>全县年度培训人次目标</translation>
        </message>
        <message>
            <source>These figures were made by the previous version of the hub program; they are being computed again</source>
            <translation>这些数字是县中心程序的上一个版本算出的，正在重新计算</translation>
        </message>
        <message>
            <source>Nothing to do: open the page again in a few minutes.</source>
            <translation>无需操作：几分钟后再打开本页即可。</translation>
        </message>
        <message>
            <source>no station serves {village} yet</source>
            <translation>{village} 还没有服务站</translation>
        </message>
        <message>
            <source>household {number}: {names}, {status}{model}</source>
            <translation>户 {number}：{names}，{status}{model}</translation>
        </message>
        <message>
            <source>DEMO: no SMS is really sent and no bill really paid (simulated)</source>
            <translation>演示：短信不会真正发出，缴费不会真正支付（模拟）</translation>
        </message>
        <message>
            <source>Real gateways: SMS {sms}, bills {biller}</source>
            <translation>真实通道：短信 {sms}，缴费 {biller}</translation>
        </message>
        <message>
            <source>The gateways are not known: this hub is not running `serve`</source>
            <translation>通道未知：本县中心没有以 serve 方式运行</translation>
        </message>
        <message>
            <source>SMS sent per station and month</source>
            <translation>各服务站每月短信发送量</translation>
        </message>
        <message>
            <source>Gateway</source>
            <translation>通道</translation>
        </message>
        <message>
            <source>Messages</source>
            <translation>短信数</translation>
        </message>
        <message>
            <source>SMS billed</source>
            <translation>计费条数</translation>
        </message>
        <message>
            <source>The recharge platform's daily statements</source>
            <translation>充值平台每日对账单</translation>
        </message>
        <message>
            <source>Day</source>
            <translation>日期</translation>
        </message>
        <message>
            <source>Orders</source>
            <translation>订单数</translation>
        </message>
        <message>
            <source>Orders that differ</source>
            <translation>不一致订单</translation>
        </message>
        <message>
            <source>Order</source>
            <translation>订单</translation>
        </message>
        <message>
            <source>Difference</source>
            <translation>差额</translation>
        </message>
        <message>
            <source>Platform</source>
            <translation>平台</translation>
        </message>
        <message>
            <source>Hub</source>
            <translation>县中心</translation>
        </message>
        <message>
            <source>Printer out of paper since {since}</source>
            <extracomment>printer states the county should hear of: (what, what to do)</extracomment>
            <translation>打印机缺纸（自 {since} 起）</translation>
        </message>
        <message>
            <source>Call the station: a new paper roll, or villagers leave without receipts.</source>
            <translation>请联系服务站换一卷新纸，否则村民拿不到小票。</translation>
        </message>
        <message>
            <source>Printer cover open since {since}</source>
            <translation>打印机盖未合上（自 {since} 起）</translation>
        </message>
        <message>
            <source>Call the station: the printer's cover must be closed to print.</source>
            <translation>请联系服务站：打印机盖合上才能打印。</translation>
        </message>
        <message>
            <source>Printer not reachable since {since}</source>
            <translation>打印机连不上（自 {since} 起）</translation>
        </message>
        <message>
            <source>Call the station: is the printer on and its cable in? (Printer page, test page)</source>
            <translation>请联系服务站：打印机开了吗？线插好了吗？（打印机页面，打印测试页）</translation>
        </message>
        <message>
            <source>Printer fault since {since}: {message}</source>
            <translation>打印机故障（自 {since} 起）：{message}</translation>
        </message>
        <message>
            <source>Call the station: switch the printer off and on; if it stays, it needs repair.</source>
            <translation>请联系服务站：把打印机关掉再打开；仍有故障就需要维修。</translation>
        </message>
        <message>
            <source>{name} ({township}){poor}</source>
            <translation>{name}（{township}）{poor}</translation>
        </message>
    </context>
    <context>
        <name>dialogs</name>
        <message>
            <source>Cancel (Esc)</source>
            <extracomment>text colours of the states (for table cells, which stylesheets do not reach)</extracomment>
            <translation>取消 (Esc)</translation>
        </message>
    </context>
    <context>
        <name>errors</name>
        <message>
            <source>Today's business day ({day}) is already closed (daily close). Open another business day to take or pay out money now.</source>
            <translation>今天的营业日（{day}）已经日结。要现在收钱或付钱，请先再开一个营业日。</translation>
        </message>
        <message>
            <source>The cash day of {day} is still open: close it first</source>
            <extracomment>what the opening count found more (+) or less (-) than the last close left</extracomment>
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
            <source>The key this station records ID numbers with cannot be opened on this PC ({detail}). Enroll the station with the county hub again, then try again.</source>
            <translation>这台电脑打不开服务站记录身份证号用的密钥（{detail}）。请重新向县平台注册本站，然后再试。</translation>
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
            <source>{name} has no PIN on this computer yet: the station was restored from the county hub. Set new PINs first.</source>
            <translation>{name} 在这台电脑上还没有 PIN：服务站是从县平台恢复的。请先设置新的 PIN。</translation>
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
            <source>Choose a new PIN, not the old one: the old one must be replaced</source>
            <translation>请设一个新的 PIN，不能沿用旧的：旧 PIN 必须更换</translation>
        </message>
        <message>
            <source>This operator already has a PIN on this computer</source>
            <translation>这位操作员在这台电脑上已经有 PIN 了</translation>
        </message>
        <message>
            <source>Set a PIN for at least one manager</source>
            <translation>请至少给一位站长设置 PIN</translation>
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
            <source>Quantity '{text}' is not a number</source>
            <translation>数量“{text}”不是数字</translation>
        </message>
        <message>
            <source>Quantity must be more than zero</source>
            <translation>数量必须大于零</translation>
        </message>
        <message>
            <source>Quantity has at most three decimals</source>
            <translation>数量最多三位小数</translation>
        </message>
        <message>
            <source>Items sold by {unit} are counted in whole numbers</source>
            <translation>按“{unit}”卖的商品数量须为整数</translation>
        </message>
        <message>
            <source>Quantity is too large</source>
            <translation>数量太大</translation>
        </message>
        <message>
            <source>A price must be whole fen</source>
            <translation>价格须为整分</translation>
        </message>
        <message>
            <source>A price must be more than zero</source>
            <translation>价格必须大于零</translation>
        </message>
        <message>
            <source>A price of {price} per unit is not believable (at most ¥100,000)</source>
            <translation>单价 {price} 不合常理（最高 ¥100,000）</translation>
        </message>
        <message>
            <source>Commission '{text}' is not a percentage</source>
            <translation>佣金“{text}”不是百分比</translation>
        </message>
        <message>
            <source>Commission must be between 0 and 50 percent</source>
            <translation>佣金须在 0% 到 50% 之间</translation>
        </message>
        <message>
            <source>A bank card number has 13 to 19 digits</source>
            <translation>银行卡号应为13到19位数字</translation>
        </message>
        <message>
            <source>Card number {card} is mistyped (its check digit is wrong)</source>
            <translation>卡号 {card} 输错了（校验位不对）</translation>
        </message>
        <message>
            <source>No such withdrawal</source>
            <translation>没有这笔取款</translation>
        </message>
        <message>
            <source>A cash point withdrawal is at least {least}</source>
            <translation>助农取款每笔至少 {least}</translation>
        </message>
        <message>
            <source>A cash point withdrawal is a multiple of {step}: {amount} is not</source>
            <translation>助农取款须为 {step} 的整数倍：{amount} 不是</translation>
        </message>
        <message>
            <source>At most {most} per card and day</source>
            <translation>每卡每天最多 {most}</translation>
        </message>
        <message>
            <source>The voucher's trace number has 4 to 12 digits</source>
            <translation>凭条上的流水号应为4到12位数字</translation>
        </message>
        <message>
            <source>The terminal's time needs its time zone</source>
            <translation>终端时间缺少时区</translation>
        </message>
        <message>
            <source>The voucher with trace number {trace} is already recorded today</source>
            <translation>流水号 {trace} 的凭条今天已经记过了</translation>
        </message>
        <message>
            <source>Card {card} has taken {taken} today: {amount} more would pass the limit of {most} per card and day (at most {left} more)</source>
            <translation>卡 {card} 今天已取 {taken}：再取 {amount} 会超过每卡每天 {most} 的限额（最多还能取 {left}）</translation>
        </message>
        <message>
            <source>Say why the withdrawal is voided</source>
            <translation>请写明作废这笔取款的原因</translation>
        </message>
        <message>
            <source>Withdrawal {number} is voided already</source>
            <translation>取款 {number} 已经作废</translation>
        </message>
        <message>
            <source>Withdrawal {number} was made on {day}: only today's can be voided</source>
            <translation>取款 {number} 是 {day} 办的：只能作废今天的</translation>
        </message>
        <message>
            <source>The bank has settled {day} already: a withdrawal of it cannot be voided</source>
            <translation>银行已结算 {day}：这天的取款不能再作废</translation>
        </message>
        <message>
            <source>Date '{text}' is not valid: write it like 2026-11-23</source>
            <translation>日期“{text}”无效：请按 2026-11-23 的格式填写</translation>
        </message>
        <message>
            <source>The number of withdrawals the bank counted is not valid</source>
            <translation>银行对账单上的笔数不对</translation>
        </message>
        <message>
            <source>{day} has not come yet: the bank settles days that have passed</source>
            <translation>{day} 还没到：银行只结算已过去的日子</translation>
        </message>
        <message>
            <source>No withdrawals on {day} and nothing settled: nothing to record</source>
            <translation>{day} 没有取款，也没有结算金额：无需记录</translation>
        </message>
        <message>
            <source>No such person</source>
            <translation>没有这个人</translation>
        </message>
        <message>
            <source>{name} is already a consignor</source>
            <translation>{name} 已经是寄卖人</translation>
        </message>
        <message>
            <source>A consignor needs a contact phone number</source>
            <translation>寄卖人必须留联系电话</translation>
        </message>
        <message>
            <source>No such consignor</source>
            <translation>没有这个寄卖人</translation>
        </message>
        <message>
            <source>Add at least one item</source>
            <translation>请至少添加一件商品</translation>
        </message>
        <message>
            <source>Each item needs a name</source>
            <translation>每件商品都要有名称</translation>
        </message>
        <message>
            <source>An item name is at most 40 characters</source>
            <translation>商品名称最多 40 个字</translation>
        </message>
        <message>
            <source>Unknown kind of goods {category}</source>
            <translation>未知的商品类别：{category}</translation>
        </message>
        <message>
            <source>Each item needs a unit such as 斤 or 个</source>
            <translation>每件商品都要有单位，如“斤”或“个”</translation>
        </message>
        <message>
            <source>{name} is already past its expiry date {date}</source>
            <translation>{name} 已过保质期（{date}）</translation>
        </message>
        <message>
            <source>No such consignment lot</source>
            <translation>没有这个寄卖批次</translation>
        </message>
        <message>
            <source>'{text}' is not a consignment label</source>
            <translation>“{text}”不是寄卖商品标签</translation>
        </message>
        <message>
            <source>Label {code} was never issued here</source>
            <translation>标签 {code} 不是本站发出的</translation>
        </message>
        <message>
            <source>This is a {kind}, not a consignment label</source>
            <translation>这是{kind}，不是寄卖商品标签</translation>
        </message>
        <message>
            <source>Label {code} is from another station</source>
            <translation>标签 {code} 属于其他服务站</translation>
        </message>
        <message>
            <source>Label {code} is forged or damaged: it was never issued here</source>
            <translation>标签 {code} 是伪造的或已损坏：本站从未发出过</translation>
        </message>
        <message>
            <source>Label {code} was handed back to its consignor</source>
            <translation>标签 {code} 的商品已退还寄卖人</translation>
        </message>
        <message>
            <source>Label {code} was already sold (receipt {number}, {day}): a reused label</source>
            <translation>标签 {code} 已售出（小票 {number}，{day}）：标签被重复使用</translation>
        </message>
        <message>
            <source>Label {code} is sold out</source>
            <translation>标签 {code} 的商品已售完</translation>
        </message>
        <message>
            <source>{name} (lot {lot}) expired on {date} and may not be sold</source>
            <translation>{name}（批次 {lot}）已于 {date} 过期，不得销售</translation>
        </message>
        <message>
            <source>Label {code} was scanned twice</source>
            <translation>标签 {code} 扫了两次</translation>
        </message>
        <message>
            <source>Scan a label or pick goods from the stock list</source>
            <translation>请扫描标签或从库存列表中选择商品</translation>
        </message>
        <message>
            <source>Only {on_hand} {unit} of {name} are on hand; {wanted} cannot be sold</source>
            <translation>{name} 只剩 {on_hand} {unit}，不能卖 {wanted}</translation>
        </message>
        <message>
            <source>The sale is empty</source>
            <translation>这笔销售没有商品</translation>
        </message>
        <message>
            <source>Unknown payment method {method}</source>
            <translation>未知的付款方式：{method}</translation>
        </message>
        <message>
            <source>A discount must be zero or more</source>
            <translation>优惠金额不能为负</translation>
        </message>
        <message>
            <source>A discount of {discount} is more than the county allows ({pct}% of {total})</source>
            <translation>优惠 {discount} 超过县里规定的上限（{total} 的 {pct}%）</translation>
        </message>
        <message>
            <source>Cash tendered is only for cash sales</source>
            <extracomment>the sale helps a registered poor household (建档立卡贫困户): print the note</extracomment>
            <translation>只有现金付款才填收款金额</translation>
        </message>
        <message>
            <source>{tendered} tendered is less than the total {total}</source>
            <translation>实收 {tendered} 少于应收 {total}</translation>
        </message>
        <message>
            <source>No such sale</source>
            <translation>没有这笔销售</translation>
        </message>
        <message>
            <source>No sale with receipt number {number}</source>
            <translation>没有小票号为 {number} 的销售</translation>
        </message>
        <message>
            <source>Say why the sale is voided</source>
            <translation>请填写作废原因</translation>
        </message>
        <message>
            <source>Sale {number} cannot be voided now</source>
            <translation>销售 {number} 现在不能作废</translation>
        </message>
        <message>
            <source>Sale {number} has returns: it cannot be voided</source>
            <translation>销售 {number} 已有退货，不能作废</translation>
        </message>
        <message>
            <source>Sale {number} is already settled with the consignor</source>
            <translation>销售 {number} 已与寄卖人结算</translation>
        </message>
        <message>
            <source>Sale {number} is from an earlier cash day: take the goods back as a return</source>
            <translation>销售 {number} 属于之前的营业日：请按退货处理</translation>
        </message>
        <message>
            <source>No such return</source>
            <translation>没有这笔退货</translation>
        </message>
        <message>
            <source>Say why the goods come back</source>
            <translation>请填写退货原因</translation>
        </message>
        <message>
            <source>Sale {number} cannot take returns here</source>
            <translation>销售 {number} 不能在本站柜台退货</translation>
        </message>
        <message>
            <source>Sale {number} already has a return waiting: finish it first</source>
            <translation>销售 {number} 已有待处理的退货：请先处理完</translation>
        </message>
        <message>
            <source>Sale {number} has no line {line}</source>
            <translation>销售 {number} 没有第 {line} 行</translation>
        </message>
        <message>
            <source>These labels were not sold on receipt {number}</source>
            <translation>这些标签不是小票 {number} 卖出的</translation>
        </message>
        <message>
            <source>Only {left} {unit} of {name} can still be returned</source>
            <translation>{name} 最多还能退 {left} {unit}</translation>
        </message>
        <message>
            <source>Everything on receipt {number} was already returned</source>
            <translation>小票 {number} 的商品已全部退回</translation>
        </message>
        <message>
            <source>Return {number} is already finished</source>
            <translation>退货 {number} 已处理完毕</translation>
        </message>
        <message>
            <source>{name} has no goods on hand</source>
            <translation>{name} 没有在库商品</translation>
        </message>
        <message>
            <source>{name} (lot {lot}) belongs to another consignor</source>
            <translation>{name}（批次 {lot}）属于其他寄卖人</translation>
        </message>
        <message>
            <source>The period starts after it ends</source>
            <translation>结算期的开始日期晚于结束日期</translation>
        </message>
        <message>
            <source>A period can only be settled once it is over (ends {end})</source>
            <translation>结算期结束后才能结算（结束于 {end}）</translation>
        </message>
        <message>
            <source>Sale {number} still has return {ret} waiting: finish or cancel it before settling</source>
            <translation>销售 {number} 还有待处理的退货 {ret}：请先处理或取消再结算</translation>
        </message>
        <message>
            <source>{name} has nothing to settle from {start} to {end}</source>
            <translation>{name} 在 {start} 至 {end} 期间没有需要结算的销售</translation>
        </message>
        <message>
            <source>Returns exceed sales for {name} in this period: nothing can be paid</source>
            <translation>{name} 本期退货多于销售：无款可付</translation>
        </message>
        <message>
            <source>Statement {number} is not waiting to be paid</source>
            <translation>结算单 {number} 不是待付款状态</translation>
        </message>
        <message>
            <source>A transfer needs its reference number</source>
            <translation>转账须填写转账单号</translation>
        </message>
        <message>
            <source>No such settlement</source>
            <translation>没有这张结算单</translation>
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
            <extracomment>the domain's own checks of a sound file (`core.health.station_problems`): empty = sound</extracomment>
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
        <message>
            <source>The printer is out of paper. Put in a new roll.</source>
            <extracomment>ready to print cannot be reached, or reports itself offline for no reason given the paper roll is used up the cover is open the printer reports an error (cutter jam, head too hot, ...) the link cannot read back (file, spooler) or the printer does not answer status requests</extracomment>
            <translation>打印机缺纸，请装入新纸卷。</translation>
        </message>
        <message>
            <source>The printer cover is open. Close it.</source>
            <translation>打印机盖未合上，请合上。</translation>
        </message>
        <message>
            <source>The printer reports an error. Switch it off and on again.</source>
            <translation>打印机报告故障，请关机后重新开机。</translation>
        </message>
        <message>
            <source>The printer is offline. Check that it is on and connected.</source>
            <translation>打印机离线，请检查是否开机、连线是否插好。</translation>
        </message>
        <message>
            <source>The link to printer {spec} broke while printing ({detail}); the receipt will be printed again.</source>
            <translation>打印中与打印机 {spec} 的连接断开（{detail}），小票将重新打印。</translation>
        </message>
        <message>
            <source>Printer {spec} cannot be reached ({detail}). Check that it is on and connected.</source>
            <translation>连接不上打印机 {spec}（{detail}），请检查是否开机、连线是否插好。</translation>
        </message>
        <message>
            <source>The Windows print queue did not send the receipt in time; it was taken off the queue.</source>
            <translation>Windows 打印队列未能及时送出小票，已从队列中撤下。</translation>
        </message>
        <message>
            <source>Printer '{spec}' is not understood: write {forms}</source>
            <translation>打印机地址“{spec}”无法识别，请写成 {forms}</translation>
        </message>
        <message>
            <source>Printer '{spec}': a USB printer is usb:VID:PID in hex, like usb:0416:5011</source>
            <translation>打印机地址“{spec}”不对：USB 打印机写成 usb:厂商号:产品号（十六进制），例如 usb:0416:5011</translation>
        </message>
        <message>
            <source>Printer '{spec}': a serial printer is serial:PORT@BAUD, like serial:COM3@9600 (speed one of {bauds})</source>
            <translation>打印机地址“{spec}”不对：串口打印机写成 serial:端口@波特率，例如 serial:COM3@9600（波特率可选 {bauds}）</translation>
        </message>
        <message>
            <source>Printer '{spec}': a network printer is net:HOST:PORT, like net:192.168.1.87:9100</source>
            <translation>打印机地址“{spec}”不对：网络打印机写成 net:地址:端口，例如 net:192.168.1.87:9100</translation>
        </message>
        <message>
            <source>Printer '{spec}': give a name or path after the colon</source>
            <translation>打印机地址“{spec}”不对：冒号后面请写打印机名称或文件路径</translation>
        </message>
        <message>
            <source>No biller product {product} in the catalogue</source>
            <translation>缴费目录中没有 {product}</translation>
        </message>
        <message>
            <source>{label} must have {low} to {high} characters ('{text}' has {n})</source>
            <translation>{label}应为 {low}–{high} 位（“{text}”是 {n} 位）</translation>
        </message>
        <message>
            <source>'{text}' is not a valid {label} for {biller}</source>
            <translation>“{text}”不是有效的{biller}{label}</translation>
        </message>
        <message>
            <source>{product} is always {amount}</source>
            <translation>{product}固定为 {amount}</translation>
        </message>
        <message>
            <source>Enter the amount to pay</source>
            <translation>请输入缴费金额</translation>
        </message>
        <message>
            <source>{product} comes in {values} only</source>
            <translation>{product}只有 {values} 这几种面值</translation>
        </message>
        <message>
            <source>{product}: pay from {low} to {high} at a time</source>
            <translation>{product}：每笔金额须在 {low} 到 {high} 之间</translation>
        </message>
        <message>
            <source>{account} was already paid {minutes} minutes ago ({amount}, receipt {receipt}). Take it again only if the payer really wants to pay twice.</source>
            <translation>{account} 在 {minutes} 分钟前刚缴过费（{amount}，凭证 {receipt}）。只有付款人确实要再缴一次时才再次收款。</translation>
        </message>
        <message>
            <source>No such bill payment</source>
            <translation>没有这笔缴费记录</translation>
        </message>
        <message>
            <source>Cash received {cash} is less than the {total} to pay</source>
            <translation>实收现金 {cash} 少于应付 {total}</translation>
        </message>
        <message>
            <source>This bill was already refunded on {time} (receipt {receipt})</source>
            <translation>这笔缴费已于 {time} 退款（凭证 {receipt}）</translation>
        </message>
        <message>
            <source>Only a bill the county reported failed can be refunded; this one is: {state}</source>
            <translation>只有县中心报告失败的缴费才能退款；这笔的状态是：{state}</translation>
        </message>
        <message>
            <source>Only a manager can settle a conflict</source>
            <translation>只有站长可以处理冲突</translation>
        </message>
        <message>
            <source>Write down how it was settled</source>
            <translation>请写明处理结果</translation>
        </message>
        <message>
            <source>This bill has no conflict to settle</source>
            <translation>这笔缴费没有需要处理的冲突</translation>
        </message>
        <message>
            <source>No such receipt for this bill: it is {state}</source>
            <extracomment>the receipts a bill may have in each state, the one for the state last</extracomment>
            <translation>这笔缴费没有这种凭证：当前状态为{state}</translation>
        </message>
        <message>
            <source>'{value}' is not valid on a {kind}</source>
            <translation>“{value}”不能用在{kind}上</translation>
        </message>
        <message>
            <source>The hub address '{hub}' is not a web address</source>
            <translation>县级中心地址“{hub}”不是网址</translation>
        </message>
        <message>
            <source>This is not a station label</source>
            <translation>这不是本站的标签</translation>
        </message>
        <message>
            <source>This label was made by another version of the program ({version}); update the program to read it</source>
            <translation>这个标签是由其他版本的程序生成的（{version}），请升级程序后再扫</translation>
        </message>
        <message>
            <source>Unknown kind of station label: {kind}</source>
            <translation>未知的本站标签类型：{kind}</translation>
        </message>
        <message>
            <source>No such outgoing parcel</source>
            <translation>没有这个寄件</translation>
        </message>
        <message>
            <source>Weight must be between 1 g and {max} kg</source>
            <translation>重量应在 1 克到 {max} 公斤之间</translation>
        </message>
        <message>
            <source>Choose the carrier</source>
            <translation>请选择快递公司</translation>
        </message>
        <message>
            <source>The county fee table has no fee for {carrier}</source>
            <translation>县里的资费表里没有{carrier}的价格</translation>
        </message>
        <message>
            <source>The recipient's phone number is required</source>
            <translation>请填写收件人手机号</translation>
        </message>
        <message>
            <source>The recipient's address is required</source>
            <translation>请填写收件人地址</translation>
        </message>
        <message>
            <source>Say what is in the parcel</source>
            <translation>请填写寄的是什么</translation>
        </message>
        <message>
            <source>Unknown way of paying {payment}</source>
            <translation>未知的付款方式 {payment}</translation>
        </message>
        <message>
            <source>Choose the kind of farm produce</source>
            <translation>请选择农产品类别</translation>
        </message>
        <message>
            <source>Type the weight, e.g. 2.5 (kg) or 800 (g)</source>
            <extracomment>a bare whole number below this is kilograms, from it up to MAX_WEIGHT_G/1000 it could be either (a 25 kg sack of rice, a 25 g letter), above that it can only be grams</extracomment>
            <translation>请输入重量，例如 2.5（千克）或 800（克）</translation>
        </message>
        <message>
            <source>Weight '{text}' cannot be read: type e.g. 2.5 (kg), 800 (g) or 6j (jin)</source>
            <translation>重量“{text}”看不懂：请输入如 2.5（千克）、800（克）或 6j（斤）</translation>
        </message>
        <message>
            <source>{n}: kilograms or grams? Type {n}kg or {n}g</source>
            <translation>{n} 是千克还是克？请输入 {n}kg 或 {n}g</translation>
        </message>
        <message>
            <source>E-waybill {waybill} is already used (receipt {receipt})</source>
            <translation>电子面单 {waybill} 已用过（收据 {receipt}）</translation>
        </message>
        <message>
            <source>Who sends it? Choose a registered villager, or type the sender's name and phone</source>
            <translation>谁寄件？请选已登记的村民，或输入寄件人的姓名和电话</translation>
        </message>
        <message>
            <source>The sender's phone number is required</source>
            <translation>请填寄件人的手机号</translation>
        </message>
        <message>
            <source>The goods' value must be between ¥0 and ¥1,000,000</source>
            <translation>货值须在 ¥0 到 ¥1,000,000 之间</translation>
        </message>
        <message>
            <source>'{code}' is not a unified social credit code (18 characters)</source>
            <translation>“{code}”不是统一社会信用代码（18 位）</translation>
        </message>
        <message>
            <source>Give the cooperative's name with its code</source>
            <translation>请同时填写合作社名称</translation>
        </message>
        <message>
            <source>Say why the parcel is cancelled</source>
            <translation>请填写取消原因</translation>
        </message>
        <message>
            <source>Parcel {waybill} was already handed over or cancelled</source>
            <translation>寄件 {waybill} 已交给快递员或已取消</translation>
        </message>
        <message>
            <source>No such hand-over batch</source>
            <translation>没有这个交接批次</translation>
        </message>
        <message>
            <source>This hand-over batch is already closed</source>
            <translation>这个交接批次已结束</translation>
        </message>
        <message>
            <source>No parcel to send has e-waybill {code}</source>
            <translation>没有电子面单为 {code} 的寄件</translation>
        </message>
        <message>
            <source>Parcel {waybill} was cancelled: do not give it to the courier</source>
            <translation>寄件 {waybill} 已取消：请勿交给快递员</translation>
        </message>
        <message>
            <source>Parcel {waybill} was already handed to the courier on {time}</source>
            <translation>寄件 {waybill} 已于 {time} 交给快递员</translation>
        </message>
        <message>
            <source>Parcel {waybill} goes with {carrier}, not with {batch_carrier}</source>
            <translation>寄件 {waybill} 应由{carrier}揽收，不是{batch_carrier}</translation>
        </message>
        <message>
            <source>Nothing was scanned into this batch</source>
            <translation>这个批次还没有扫任何寄件</translation>
        </message>
        <message>
            <source>'{text}' is a pickup code, not a waybill number</source>
            <translation>“{text}”是取件码，不是运单号</translation>
        </message>
        <message>
            <source>'{text}' looks like a phone number: scan the waybill barcode into the waybill field</source>
            <translation>“{text}”像是手机号：请把运单条码扫进运单号栏</translation>
        </message>
        <message>
            <source>Waybill number '{text}' is not valid: 8 to 24 letters and digits</source>
            <translation>运单号“{text}”格式不对：应为 8–24 位字母和数字</translation>
        </message>
        <message>
            <source>Unknown carrier {carrier}</source>
            <translation>未知的快递公司 {carrier}</translation>
        </message>
        <message>
            <source>'{text}' looks like a waybill number, not a phone number: scan it into the waybill field</source>
            <translation>“{text}”像是运单号，不是手机号：请扫进运单号栏</translation>
        </message>
        <message>
            <source>The phone tail is the last 4 digits of the phone number</source>
            <translation>手机尾号是手机号的后 4 位数字</translation>
        </message>
        <message>
            <source>No such parcel</source>
            <translation>没有这个包裹</translation>
        </message>
        <message>
            <source>'{code}' is not a pickup code: it looks like 3-5-6075</source>
            <translation>“{code}”不是取件码：取件码形如 3-5-6075</translation>
        </message>
        <message>
            <source>No parcel on the shelf has pickup code {code}</source>
            <translation>货架上没有取件码为 {code} 的包裹</translation>
        </message>
        <message>
            <source>The phone tail {tail} does not match the phone number</source>
            <translation>手机尾号 {tail} 与手机号对不上</translation>
        </message>
        <message>
            <source>Waybill {waybill} is already checked in ({status}, pickup code {code}, {time})</source>
            <translation>运单 {waybill} 已入库（{status}，取件码 {code}，{time}）</translation>
        </message>
        <message>
            <source>Who is it for? Type the phone number, its last 4 digits or a name</source>
            <translation>收件人是谁？请输入手机号、手机尾号或姓名</translation>
        </message>
        <message>
            <source>Parcel {code} was already handed over on {time}</source>
            <translation>包裹 {code} 已于 {time} 出库</translation>
        </message>
        <message>
            <source>Parcel {code} was returned on {time}</source>
            <translation>包裹 {code} 已于 {time} 退回</translation>
        </message>
        <message>
            <source>The county asked for parcel {code} to be returned: do not hand it over</source>
            <translation>县里要求退回包裹 {code}：请勿交给取件人</translation>
        </message>
        <message>
            <source>Parcel {code} is a problem parcel ({kind})</source>
            <translation>包裹 {code} 是问题件（{kind}）</translation>
        </message>
        <message>
            <source>Parcel {code} is {status}: this cannot be done now</source>
            <translation>包裹 {code} 当前为“{status}”：现在不能这样操作</translation>
        </message>
        <message>
            <source>Choose at least one parcel to hand over</source>
            <translation>请至少选择一个要出库的包裹</translation>
        </message>
        <message>
            <source>Unknown collector {collector}</source>
            <translation>未知的取件人类型 {collector}</translation>
        </message>
        <message>
            <source>Unknown way of finding a parcel: {how}</source>
            <translation>未知的查找方式：{how}</translation>
        </message>
        <message>
            <source>Parcel {waybill} holds proxy order {number}: hand it over with the order, where the balance is paid (F4, Ctrl+5)</source>
            <translation>包裹 {waybill} 是代购单 {number} 的货：请在代购页交付并收尾款（F4，Ctrl+5）</translation>
        </message>
        <message>
            <source>Choose the person or type their phone number</source>
            <translation>请选择人员或输入其手机号</translation>
        </message>
        <message>
            <source>Parcel {code} is no longer on the shelf</source>
            <translation>包裹 {code} 已不在货架上</translation>
        </message>
        <message>
            <source>Unknown return reason {reason}</source>
            <translation>未知的退件原因 {reason}</translation>
        </message>
        <message>
            <source>Unknown kind of problem {kind}</source>
            <translation>未知的问题类型 {kind}</translation>
        </message>
        <message>
            <source>No such order</source>
            <translation>没有这个订单</translation>
        </message>
        <message>
            <source>This label is not an order slip</source>
            <translation>这不是订单凭条</translation>
        </message>
        <message>
            <source>No order {number}</source>
            <translation>没有订单 {number}</translation>
        </message>
        <message>
            <source>Unknown kind of farm input {kind}</source>
            <translation>未知的农资类别 {kind}</translation>
        </message>
        <message>
            <source>Quantity must be a whole number from 1 to 999</source>
            <translation>数量须为 1 到 999 的整数</translation>
        </message>
        <message>
            <source>This item is not in the county catalogue (any more)</source>
            <translation>县里的商品目录中没有（或已下架）这件商品</translation>
        </message>
        <message>
            <source>Say what the villager wants bought</source>
            <translation>请写明村民要代买什么</translation>
        </message>
        <message>
            <source>Describe the goods in at most 100 characters</source>
            <translation>商品描述最多 100 个字</translation>
        </message>
        <message>
            <source>Give an estimated price</source>
            <translation>请填写预估价格</translation>
        </message>
        <message>
            <source>The deposit {deposit} is more than the whole order {total}</source>
            <translation>订金 {deposit} 超过订单总额 {total}</translation>
        </message>
        <message>
            <source>Order {number} is not waiting for goods</source>
            <translation>订单 {number} 不在等待到货状态</translation>
        </message>
        <message>
            <source>This parcel already belongs to order {number}</source>
            <translation>这个包裹已关联订单 {number}</translation>
        </message>
        <message>
            <source>Order {number} has not arrived yet</source>
            <translation>订单 {number} 的货还没到</translation>
        </message>
        <message>
            <source>{goods} is a farm input: write down the batch number printed on it (the trace chain)</source>
            <translation>{goods} 是农资：请登记包装上印的批号（追溯信息）</translation>
        </message>
        <message>
            <source>{goods} is a farm input: write down who produced it</source>
            <translation>{goods} 是农资：请登记生产企业</translation>
        </message>
        <message>
            <source>Say why the order is cancelled</source>
            <translation>请填写取消原因</translation>
        </message>
        <message>
            <source>Order {number} is already finished</source>
            <translation>订单 {number} 已完结</translation>
        </message>
        <message>
            <source>The county cancelled order {number}</source>
            <translation>县里已取消订单 {number}</translation>
        </message>
        <message>
            <source>Order {number} is already packed</source>
            <translation>订单 {number} 已打包</translation>
        </message>
        <message>
            <source>More labels of {name} were scanned than the order has</source>
            <translation>{name} 扫描的标签数多于订单数量</translation>
        </message>
        <message>
            <source>A scanned label is not part of order {number}</source>
            <translation>扫描的标签不属于订单 {number}</translation>
        </message>
        <message>
            <source>Say why the goods are unpacked</source>
            <translation>请说明拆包原因</translation>
        </message>
        <message>
            <source>Order {number} is not packed</source>
            <translation>订单 {number} 还没有打包</translation>
        </message>
        <message>
            <source>Order {number} is already settled with the consignor</source>
            <translation>订单 {number} 已与寄售人结算</translation>
        </message>
        <message>
            <source>Say why the order cannot be filled</source>
            <translation>请说明无法供货的原因</translation>
        </message>
        <message>
            <source>Order {number} is not waiting to be packed</source>
            <translation>订单 {number} 不在待打包状态</translation>
        </message>
        <message>
            <source>Order {number} must be packed before it is sent</source>
            <translation>订单 {number} 须先打包再发货</translation>
        </message>
        <message>
            <source>Unknown parcel size {size}</source>
            <translation>未知的包裹尺寸 {size}</translation>
        </message>
        <message>
            <source>Only a manager can change the shelves</source>
            <translation>只有站长可以修改货架</translation>
        </message>
        <message>
            <source>At least one shelf layer is needed</source>
            <translation>至少需要一层货架</translation>
        </message>
        <message>
            <source>Shelf '{shelf}' is not valid: use a number 1-99, optionally after a letter</source>
            <translation>货架“{shelf}”不对：请用 1–99 的数字，前面可加一个字母</translation>
        </message>
        <message>
            <source>A shelf layer is a number from 1 to 9</source>
            <translation>货架层号是 1 到 9 的数字</translation>
        </message>
        <message>
            <source>A layer holds 1 to 500 parcels</source>
            <translation>每层可放 1 到 500 件</translation>
        </message>
        <message>
            <source>Shelf layer {slot} is listed twice</source>
            <translation>货架层 {slot} 重复了</translation>
        </message>
        <message>
            <source>Shelf layer {slot} still holds {count} parcels: move them first</source>
            <translation>货架层 {slot} 上还有 {count} 件包裹：请先移走</translation>
        </message>
        <message>
            <source>There is no shelf {shelf}</source>
            <translation>没有货架 {shelf}</translation>
        </message>
        <message>
            <source>Shelf {shelf} is full: choose another shelf</source>
            <translation>货架 {shelf} 已满：请选其他货架</translation>
        </message>
        <message>
            <source>The shelves for {size} parcels are full: hand out or return parcels first</source>
            <translation>放{size}的货架已满：请先出库或退回一些包裹</translation>
        </message>
        <message>
            <source>No such stock-take</source>
            <translation>没有这次盘库</translation>
        </message>
        <message>
            <source>A stock-take is already under way: finish it first</source>
            <translation>正在盘库：请先结束</translation>
        </message>
        <message>
            <source>This stock-take is already finished</source>
            <translation>这次盘库已结束</translation>
        </message>
        <message>
            <source>{code} is not an item of this stock-take</source>
            <translation>{code} 不在这次盘库的清单里</translation>
        </message>
        <message>
            <source>'{resolution}' does not settle this item</source>
            <translation>“{resolution}”不能用来处理这一项</translation>
        </message>
        <message>
            <source>{code} is already settled</source>
            <translation>{code} 已处理</translation>
        </message>
        <message>
            <source>This parcel is not on record: check it in instead</source>
            <translation>系统里没有这个包裹：请先入库</translation>
        </message>
        <message>
            <source>County record {number} differs from the one this station already holds: was it enrolled with another county hub?</source>
            <translation>县级第 {number} 条数据与本站已有的不一致：本站是否曾在另一个县级中心注册？</translation>
        </message>
        <message>
            <source>The session "{title}" has ended: sign-in is closed</source>
            <translation>培训“{title}”已结束，签到已关闭</translation>
        </message>
        <message>
            <source>This is a {kind}, not a training card</source>
            <translation>这是{kind}，不是培训卡</translation>
        </message>
        <message>
            <source>Every lecturer needs a name</source>
            <extracomment>a session's lecturers as a caller gives them: Lecturer, {name, credentials} or (name, credentials)</extracomment>
            <translation>每位讲师都要填写姓名</translation>
        </message>
        <message>
            <source>At most 20 lecturers per session</source>
            <translation>每期培训最多 20 位讲师</translation>
        </message>
        <message>
            <source>A session needs its start and end time</source>
            <translation>培训需要填写开始和结束时间</translation>
        </message>
        <message>
            <source>A training session needs a title</source>
            <translation>培训需要填写名称</translation>
        </message>
        <message>
            <source>Unknown trainee category {category}</source>
            <translation>未知的培训对象类别：{category}</translation>
        </message>
        <message>
            <source>A session must end after it starts</source>
            <translation>结束时间必须晚于开始时间</translation>
        </message>
        <message>
            <source>Capacity must be between 1 and {most} people</source>
            <translation>名额应在 1 到 {most} 人之间</translation>
        </message>
        <message>
            <source>This session is on the county schedule: the county changes it</source>
            <translation>这是县里安排的培训，只能由县里修改</translation>
        </message>
        <message>
            <source>The session "{title}" has ended and can no longer be changed</source>
            <translation>培训“{title}”已结束，不能再修改</translation>
        </message>
        <message>
            <source>{count} people are already signed in: capacity cannot be lower</source>
            <translation>已有 {count} 人签到，名额不能少于这个数</translation>
        </message>
        <message>
            <source>The session "{title}" has already started</source>
            <translation>培训“{title}”已经开始签到</translation>
        </message>
        <message>
            <source>The session "{title}" has not started: start it first</source>
            <translation>培训“{title}”还没开始，请先开始签到</translation>
        </message>
        <message>
            <source>No such training session</source>
            <translation>没有这期培训</translation>
        </message>
        <message>
            <source>The session is full: all {capacity} places are taken</source>
            <extracomment>how many are signed in to the session after this one</extracomment>
            <translation>培训已满员：{capacity} 个名额已全部签满</translation>
        </message>
        <message>
            <source>Unknown sign-in method {method}</source>
            <translation>未知的签到方式：{method}</translation>
        </message>
        <message>
            <source>{name} already signed in at {time}</source>
            <translation>{name} 已于 {time} 签到过</translation>
        </message>
        <message>
            <source>This is not a training card</source>
            <translation>这不是培训卡</translation>
        </message>
        <message>
            <source>This card belongs to no one registered at this station (a card from another station?): sign the person in by phone or register them</source>
            <translation>本站没有登记这张卡的主人（可能是别的服务站的卡）：请用手机号签到，或现场登记</translation>
        </message>
        <message>
            <source>No one with phone {phone} is registered: register them first</source>
            <translation>没有登记手机号为 {phone} 的人：请先现场登记</translation>
        </message>
        <message>
            <source>Several people share phone {phone} ({names}): pick the person by name</source>
            <translation>手机号 {phone} 登记了多个人（{names}）：请按姓名选择</translation>
        </message>
        <message>
            <source>Scan a training card or type an 11-digit phone number</source>
            <translation>请扫培训卡，或输入 11 位手机号</translation>
        </message>
        <message>
            <source>This person has not signed in to this session</source>
            <translation>此人没有签到这期培训</translation>
        </message>
        <message>
            <source>Already signed out</source>
            <translation>已经签退过了</translation>
        </message>
        <message>
            <source>Say why the sign-in is taken back</source>
            <translation>请写明撤销签到的原因</translation>
        </message>
        <message>
            <source>A survey score is a whole number from 1 to 5, not {value}</source>
            <translation>满意度评分应为 1 到 5 的整数，不能是 {value}</translation>
        </message>
        <message>
            <source>Unknown survey question {question}</source>
            <translation>未知的调查问题：{question}</translation>
        </message>
        <message>
            <source>The session has not started yet</source>
            <translation>培训还没开始</translation>
        </message>
        <message>
            <source>Unknown follow-up outcome {outcome}</source>
            <translation>未知的回访结果：{outcome}</translation>
        </message>
        <message>
            <source>Jobs created must be a whole number from 0 to 10000</source>
            <translation>带动就业人数须是 0 到 10000 的整数</translation>
        </message>
        <message>
            <source>The follow-up needs a date</source>
            <translation>回访需要填写日期</translation>
        </message>
        <message>
            <source>The file is larger than 25 MB</source>
            <translation>文件超过 25 MB</translation>
        </message>
        <message>
            <source>{name} is neither a photo (JPEG, PNG) nor a PDF</source>
            <translation>{name} 既不是照片（JPEG、PNG）也不是 PDF</translation>
        </message>
        <message>
            <source>No file at {path}</source>
            <translation>找不到文件：{path}</translation>
        </message>
        <message>
            <source>The photo is larger than 25 MB</source>
            <translation>照片超过 25 MB</translation>
        </message>
        <message>
            <source>{name} is not a photo (JPEG or PNG)</source>
            <translation>{name} 不是照片（应为 JPEG 或 PNG）</translation>
        </message>
        <message>
            <source>This photo is already in the session's archive</source>
            <translation>这张照片已在本期培训档案中</translation>
        </message>
        <message>
            <source>'{code}' is not a code the station knows: not a waybill, product barcode, pickup code, phone number, ID number or station label</source>
            <translation>“{code}”不是本站能识别的号码：不是快递单号、商品条码、取件码、手机号、身份证号，也不是本站标签</translation>
        </message>
        <message>
            <source>Nothing was scanned</source>
            <translation>没有扫到内容</translation>
        </message>
        <message>
            <source>The code is too long ({length} characters)</source>
            <translation>号码太长（{length} 个字符）</translation>
        </message>
        <message>
            <source>Product barcode {code} has a wrong check digit</source>
            <translation>商品条码 {code} 的校验位不对</translation>
        </message>
        <message>
            <source>Cannot read the image {path}: {detail}</source>
            <extracomment>what the station reads by default everything either decoder can be asked for here</extracomment>
            <translation>无法读取图片 {path}：{detail}</translation>
        </message>
        <message>
            <source>The barcode reader {name} is not installed: {detail}</source>
            <translation>条码识别引擎 {name} 没有安装：{detail}</translation>
        </message>
        <message>
            <source>No answer from the county hub ({detail}). Sync will try again by itself.</source>
            <translation>县级中心没有应答（{detail}）。同步会自动重试。</translation>
        </message>
        <message>
            <source>The county hub did not answer in time. Sync will try again by itself.</source>
            <translation>县级中心没有及时应答。同步会自动重试。</translation>
        </message>
        <message>
            <source>The network answered with something that is not the county hub (HTTP {status}, perhaps a Wi-Fi login page). Log in to the network if asked; sync will try again by itself.</source>
            <translation>网络返回的不是县级中心的应答（HTTP {status}，可能是上网登录页面）。如需登录请先登录网络，同步会自动重试。</translation>
        </message>
        <message>
            <source>The county hub has a problem (HTTP {status}). Sync will try again by itself.</source>
            <translation>县级中心出现故障（HTTP {status}）。同步会自动重试。</translation>
        </message>
        <message>
            <source>The county hub no longer accepts this station's key (revoked or wrong). Ask the county office for a new enrollment code and enroll again. Nothing on this PC was lost.</source>
            <translation>县级中心不再接受本站的密钥（已吊销或不正确）。请向县里要一个新的注册码，重新注册。本机数据没有丢失。</translation>
        </message>
        <message>
            <source>This station's key belongs to another station. Ask the county office for a new enrollment code and enroll again. Nothing on this PC was lost.</source>
            <translation>本站使用的密钥属于另一个服务站。请向县里要一个新的注册码，重新注册。本机数据没有丢失。</translation>
        </message>
        <message>
            <source>The county hub holds different records under the same numbers (record {seq}): this station file may be a copy or an old backup. Nothing was sent or overwritten. Call the county office before going on.</source>
            <translation>县级中心在相同编号下存有不同的记录（第 {seq} 条）：本站的数据文件可能是复制件或旧备份。没有上传，也没有覆盖任何数据。请先联系县里再继续。</translation>
        </message>
        <message>
            <source>This station's records are damaged near record {seq} (they do not match their checksums). Nothing was sent. Run 'check' and call the county office.</source>
            <translation>本站记录在第 {seq} 条附近已损坏（与校验值不符）。没有上传任何数据。请运行“检查”并联系县里。</translation>
        </message>
        <message>
            <source>The county hub needs a newer version of this program. Please install the update; nothing was lost.</source>
            <translation>县级中心需要更新版本的程序。请安装更新，数据没有丢失。</translation>
        </message>
        <message>
            <source>The county hub could not read what this station sent ({detail}). Please install the update or call the county office.</source>
            <translation>县级中心无法读取本站发送的数据（{detail}）。请安装更新或联系县里。</translation>
        </message>
        <message>
            <source>Record {seq} is too large for the county hub to accept. Call the county office.</source>
            <translation>第 {seq} 条记录太大，县级中心无法接收。请联系县里。</translation>
        </message>
        <message>
            <source>The enrollment code is wrong, expired or already used. Ask the county office for a new one.</source>
            <translation>注册码不正确、已过期或已被使用。请向县里要一个新的注册码。</translation>
        </message>
        <message>
            <source>This station is not enrolled with a county hub yet. Enroll it with the code from the county office.</source>
            <translation>本站还没有在县级中心注册。请用县里给的注册码注册。</translation>
        </message>
        <message>
            <source>The hub address must start with https:// (plain http is only allowed to this PC itself).</source>
            <translation>县级中心地址必须以 https:// 开头（http 只允许连接本机）。</translation>
        </message>
        <message>
            <source>The county sent data this version of the program cannot use ({kind}). Please install the update.</source>
            <translation>县里发来的数据本版本程序无法使用（{kind}）。请安装更新。</translation>
        </message>
        <message>
            <source>County record {number} differs from the one this station already holds: was it enrolled with another county hub? Nothing was changed. Call the county office.</source>
            <translation>县级第 {number} 条数据与本站已有的不一致：本站是否曾在另一个县级中心注册？没有做任何更改。请联系县里。</translation>
        </message>
        <message>
            <source>This station file already has records: a station can only be restored from the hub into a new, empty file.</source>
            <translation>本站数据文件里已有记录：只能把服务站从县级中心恢复到一个新的空文件中。</translation>
        </message>
        <message>
            <source>Another sync of this station is already running.</source>
            <translation>本站已有一个同步正在进行。</translation>
        </message>
        <message>
            <source>Sync stopped because the program is closing.</source>
            <translation>程序正在关闭，同步已停止。</translation>
        </message>
        <message>
            <source>Month '{text}' is not valid: write it like 2026-11</source>
            <extracomment>the county's outbound subsidy for farm produce, per parcel (石城: 0.5元/单, capped per year)</extracomment>
            <translation>月份“{text}”不对：请写成 2026-11 这样</translation>
        </message>
        <message>
            <source>Quarter '{text}' is not valid: write it like 2026Q3</source>
            <translation>季度“{text}”不对：请写成 2026Q3 这样</translation>
        </message>
        <message>
            <source>The dispatch list is neither UTF-8 nor GBK text (unreadable bytes near byte {offset}). Export it again as CSV (UTF-8).</source>
            <translation>发车清单既不是 UTF-8 也不是 GBK 编码的文本（第 {offset} 个字节附近无法识别）。请重新导出为 CSV（UTF-8）。</translation>
        </message>
        <message>
            <source>This is an Excel workbook, not a CSV file. Open it in Excel and save it as CSV (UTF-8), then import that file.</source>
            <translation>这是 Excel 工作簿，不是 CSV 文件。请用 Excel 打开，另存为“CSV UTF-8”，再导入另存的文件。</translation>
        </message>
        <message>
            <source>The dispatch list is empty.</source>
            <translation>发车清单是空的。</translation>
        </message>
        <message>
            <source>The dispatch list has no column for {missing}. Nothing was imported. The header row has: {found}. Accepted names: {accepted}</source>
            <translation>发车清单缺少这些列：{missing}。没有导入任何记录。表头中有：{found}。可用的列名：{accepted}</translation>
        </message>
        <message>
            <source>No station {station} on this hub: give its id or its exact name.</source>
            <translation>县中心没有服务站“{station}”：请写服务站编号或完整的站名。</translation>
        </message>
        <message>
            <source>Dispatch time '{text}' is not a time: write it like 2026-11-23 08:30</source>
            <translation>发出时间“{text}”不是有效时间：请写成 2026-11-23 08:30 这样</translation>
        </message>
        <message>
            <source>No station serves '{place}': enroll it first, or name the station with --station</source>
            <translation>没有服务站负责“{place}”：请先为该站注册，或用 --station 指定服务站</translation>
        </message>
        <message>
            <source>More than one station serves '{place}': name the station with --station</source>
            <translation>有多个服务站负责“{place}”：请用 --station 指定服务站</translation>
        </message>
        <message>
            <source>No recipient: the row needs a name, a phone number or its last 4 digits</source>
            <translation>没有收件人：这一行需要姓名、手机号或手机尾号</translation>
        </message>
        <message>
            <source>The catalogue is neither UTF-8 nor GBK text (unreadable bytes near byte {offset}). Save it again as CSV (UTF-8).</source>
            <extracomment>what a catalogue may write for a farm input's kind -&gt; `proxy_orders.FARM_KINDS`</extracomment>
            <translation>代购目录既不是 UTF-8 也不是 GBK 编码的文本（第 {offset} 个字节附近无法识别）。请重新另存为 CSV（UTF-8）。</translation>
        </message>
        <message>
            <source>The catalogue has no items.</source>
            <translation>代购目录里没有商品。</translation>
        </message>
        <message>
            <source>The catalogue has no column for {missing}. Nothing was imported. The header row has: {found}. Accepted names: {accepted}</source>
            <translation>代购目录缺少这些列：{missing}。没有导入任何商品。表头中有：{found}。可用的列名：{accepted}</translation>
        </message>
        <message>
            <source>The item has no name</source>
            <translation>商品没有名称</translation>
        </message>
        <message>
            <source>{what} is longer than {n} characters</source>
            <translation>{what}超过 {n} 个字</translation>
        </message>
        <message>
            <source>The item needs a unit such as 袋 or 箱 (at most 6 characters)</source>
            <translation>商品需要单位，例如“袋”或“箱”（最多 6 个字）</translation>
        </message>
        <message>
            <source>The item has no price: write it in yuan, like 12.50</source>
            <translation>商品没有价格：请按元填写，例如 12.50</translation>
        </message>
        <message>
            <source>Item number '{id}' may only have letters, digits, '.', '-' and '_' (at most 40)</source>
            <translation>商品编号“{id}”只能包含字母、数字和 . - _（最多 40 个字符）</translation>
        </message>
        <message>
            <source>Write 是 or 否 (yes or no) in the {column} column, not '{text}'</source>
            <translation>“{column}”列请填“是”或“否”，不能填“{text}”</translation>
        </message>
        <message>
            <source>The same item as line {line}: one row per item</source>
            <translation>与第 {line} 行是同一商品：每种商品只写一行</translation>
        </message>
        <message>
            <source>'{text}' is not a kind of farm input: write 种子, 化肥, 农药 or 油料 (or leave it empty)</source>
            <translation>“{text}”不是农资类别：请写 种子、化肥、农药 或 油料（或者留空）</translation>
        </message>
        <message>
            <source>An online order must be a JSON object</source>
            <translation>网店订单必须是一个 JSON 对象</translation>
        </message>
        <message>
            <source>Order number '{number}' must be 4 to 40 letters, digits, '-' or '_'</source>
            <translation>订单号“{number}”应为 4 到 40 位字母、数字、- 或 _</translation>
        </message>
        <message>
            <source>The order does not say which station holds the goods</source>
            <translation>订单没有写明货在哪个服务站</translation>
        </message>
        <message>
            <source>The order needs a receiver with a name, a phone number and an address</source>
            <translation>订单需要收货人的姓名、手机号和地址</translation>
        </message>
        <message>
            <source>The receiver's name is missing or longer than 40 characters</source>
            <translation>收货人姓名没有填写或超过 40 个字</translation>
        </message>
        <message>
            <source>The receiver's address is missing or longer than 200 characters</source>
            <translation>收货地址没有填写或超过 200 个字</translation>
        </message>
        <message>
            <source>The order needs 1 to {n} lines</source>
            <translation>订单应有 1 到 {n} 行商品</translation>
        </message>
        <message>
            <source>Order line {line}: {why}</source>
            <translation>订单第 {line} 行：{why}</translation>
        </message>
        <message>
            <source>a line must name a lot (lot_no or code), a quantity and a price</source>
            <translation>每行要写明批次（批次号 lot_no 或溯源码 code）、数量和单价</translation>
        </message>
        <message>
            <source>'{code}' is not a genuine traceability code of any station</source>
            <translation>“{code}”不是任何服务站签发的正品溯源码</translation>
        </message>
        <message>
            <source>the goods of code {code} are at {station}, not at the station of this order</source>
            <translation>溯源码 {code} 的货在“{station}”，不在本订单的服务站</translation>
        </message>
        <message>
            <source>lot number '{lot}' is not a number</source>
            <translation>批次号“{lot}”不是数字</translation>
        </message>
        <message>
            <source>{station} has no lot {lot} (or has not synced since taking it in)</source>
            <translation>“{station}”没有第 {lot} 批货（或入库后还没有同步）</translation>
        </message>
        <message>
            <source>lot {lot} is also on line {other}: put its whole quantity on one line</source>
            <translation>第 {lot} 批货在第 {other} 行也有：请把数量合在一行</translation>
        </message>
        <message>
            <source>the line has no quantity</source>
            <translation>这一行没有数量</translation>
        </message>
        <message>
            <source>The order total must be whole fen</source>
            <translation>订单总额必须是整数分</translation>
        </message>
        <message>
            <source>The order total {total} is not the sum of its lines {lines}</source>
            <translation>订单总额 {total} 与各行金额之和 {lines} 不符</translation>
        </message>
        <message>
            <source>Order time '{text}' is not a time: write it like 2026-11-23T08:30:00+08:00</source>
            <translation>下单时间“{text}”不是有效时间：请写成 2026-11-23T08:30:00+08:00 这样</translation>
        </message>
        <message>
            <source>Order number {number} was already used on {day} for a different order</source>
            <translation>订单号 {number} 已于 {day} 用于另一个内容不同的订单</translation>
        </message>
        <message>
            <source>No online-shop order {number} on this hub</source>
            <translation>县中心没有网店订单 {number}</translation>
        </message>
        <message>
            <source>Say why the order is cancelled (at most 200 characters)</source>
            <translation>请说明取消订单的原因（最多 200 个字）</translation>
        </message>
        <message>
            <source>{station} holds only {left} {unit} of lot {lot} ({name}) not promised to other online orders; the order wants {wanted} {unit}</source>
            <translation>{station} 的批次 {lot}（{name}）除去其他网店订单已占的，只剩 {left} {unit}；这个订单要 {wanted} {unit}</translation>
        </message>
        <message>
            <source>The hub cannot count the stock of {station} now ({why}): the order is not accepted</source>
            <translation>县里现在算不出 {station} 的库存（{why}）：订单没有接收</translation>
        </message>
        <message>
            <source>Order {number} was already sent (waybill {waybill}): it cannot be cancelled; arrange a return instead</source>
            <translation>订单 {number} 已经发出（运单号 {waybill}），不能取消；请改为安排退货</translation>
        </message>
        <message>
            <source>The station file fails its check ({problems}). Nothing was done: restore a good backup with `station-app restore PATH`.</source>
            <translation>服务站文件没有通过检查（{problems}）。什么都没有做：请用 `station-app restore 备份文件` 恢复一份完好的备份。</translation>
        </message>
        <message>
            <source>Bill {receipt} was already voided on {time}</source>
            <translation>缴费 {receipt} 已于 {time} 作废</translation>
        </message>
        <message>
            <source>Voiding bill {receipt} was already asked of the county on {time}: wait for its answer</source>
            <translation>缴费 {receipt} 已于 {time} 向县中心申请作废：请等县中心答复</translation>
        </message>
        <message>
            <source>Bill {receipt} is being paid by the biller now: it cannot be voided. If the payment fails, refund it.</source>
            <translation>缴费 {receipt} 缴费单位正在处理，不能作废。如果缴费失败，再给缴费人退款。</translation>
        </message>
        <message>
            <source>Only a bill that is not paid yet can be voided; bill {receipt} is: {state}</source>
            <translation>只有还没缴费的才能作废；缴费 {receipt} 现在是：{state}</translation>
        </message>
        <message>
            <source>Bill {receipt} was taken on another business day ({time}): it can only be voided on the day it was taken</source>
            <translation>缴费 {receipt} 是在另一个营业日收的（{time}）：只能在收款当天的营业日作废</translation>
        </message>
        <message>
            <source>The camera component is not installed on this PC, so it cannot scan with a webcam. Scanner guns and typed codes work as usual. {how}</source>
            <translation>这台电脑没有安装摄像头扫码组件，不能用摄像头扫码。扫码枪和手工输入照常可用。{how}</translation>
        </message>
        <message>
            <source>{what} '{text}' may only have letters, digits, '.', '-' and '_' (at most 40)</source>
            <translation>{what}“{text}”只能有字母、数字、“.”、“-”和“_”（最多 40 个）</translation>
        </message>
        <message>
            <source>Kind '{text}' must be one of 电费, 水费, 话费, 有线电视, 医保, 其他</source>
            <translation>类别“{text}”应是 电费、水费、话费、有线电视、医保、其他 之一</translation>
        </message>
        <message>
            <source>Account digits '{text}' must be a number of digits like 11 or a range like 10-20 (1 to 64)</source>
            <translation>账号位数“{text}”应写成 11 这样的位数或 10-20 这样的范围（1 到 64）</translation>
        </message>
        <message>
            <source>Check '{text}' must be 手机号, 身份证 or empty</source>
            <translation>校验“{text}”应是 手机号、身份证 或不填</translation>
        </message>
        <message>
            <source>Face values '{text}' must be amounts in yuan separated by /</source>
            <translation>面额“{text}”应是用 / 隔开的金额（元）</translation>
        </message>
        <message>
            <source>Write 是 or 否 in the {column} column, not '{text}'</source>
            <translation>“{column}”一栏请写 是 或 否，不要写“{text}”</translation>
        </message>
        <message>
            <source>Commission '{text}' must be a whole number of ten-thousandths (0 to 10000)</source>
            <translation>佣金“{text}”应是万分之几的整数（0 到 10000）</translation>
        </message>
        <message>
            <source>The product cannot be used: {problem}</source>
            <translation>这个项目不能用：{problem}</translation>
        </message>
        <message>
            <source>The same product number as line {line}: one row per product</source>
            <translation>项目编号与第 {line} 行相同：每个项目一行</translation>
        </message>
        <message>
            <source>Biller {id} is called '{name}' on line {line}: one name per biller</source>
            <translation>缴费单位 {id} 在第 {line} 行叫“{name}”：每个单位只能有一个名称</translation>
        </message>
        <message>
            <source>The biller list replaces the stations' whole list, so it is sent only when every row is right: fix lines {lines} and upload it again</source>
            <translation>代缴费项目表会替换服务站的整张表，所以每一行都对了才发送：请改正第 {lines} 行后重新上传</translation>
        </message>
        <message>
            <source>Unknown hub setting {key}</source>
            <translation>没有这个中心设置：{key}</translation>
        </message>
        <message>
            <source>Setting {key} must be a whole number between {low} and {high}</source>
            <translation>设置 {key} 应是 {low} 到 {high} 之间的整数</translation>
        </message>
        <message>
            <source>The file has no rows.</source>
            <translation>文件里没有数据行。</translation>
        </message>
        <message>
            <source>The file has no column for {missing}. Nothing was imported. The header row has: {found}. Accepted names: {accepted}</source>
            <translation>文件里没有“{missing}”这一列，什么都没有导入。表头是：{found}。可以用的列名：{accepted}</translation>
        </message>
        <message>
            <source>This hub already serves {n} stations that are not a demo: a demo county needs a hub database of its own (give --db another file)</source>
            <translation>这个中心已经有 {n} 个不是演示的服务站：演示县要用单独的中心数据库（用 --db 指定另一个文件）</translation>
        </message>
        <message>
            <source>The demo's stations sync through the station program's own client, which needs {module}: install village-station[station] beside the hub</source>
            <translation>演示县的服务站要用服务站程序自己的同步客户端，它需要 {module}：请在中心旁边安装 village-station[station]</translation>
        </message>
        <message>
            <source>Carrier '{text}' is not one the stations know</source>
            <translation>快递公司“{text}”服务站不认识</translation>
        </message>
        <message>
            <source>Zone '{text}' must be 县内, 县外 or 不分</source>
            <translation>区域“{text}”应是 县内、县外 或 不分</translation>
        </message>
        <message>
            <source>{what} '{text}' must be whole grams from 1 to 100000</source>
            <translation>{what}“{text}”应是 1 到 100000 之间的整克数</translation>
        </message>
        <message>
            <source>The same carrier and zone as line {line}: one row each</source>
            <translation>快递公司和区域与第 {line} 行相同：每种一行</translation>
        </message>
        <message>
            <source>The fee table replaces the stations' whole table, so it is sent only when every row is right: fix lines {lines} and upload it again</source>
            <translation>收费标准会替换服务站的整张表，所以每一行都对了才发送：请改正第 {lines} 行后重新上传</translation>
        </message>
        <message>
            <source>{month} was already closed by {who} on {day}</source>
            <translation>{month} 已由 {who} 于 {day} 月结</translation>
        </message>
        <message>
            <source>{month} is not over yet: a month can be closed from the day after its last</source>
            <translation>{month} 还没有结束：月底的第二天起才能月结</translation>
        </message>
        <message>
            <source>A notice needs a title of at most {n} characters</source>
            <translation>通知要有标题，最多 {n} 个字</translation>
        </message>
        <message>
            <source>A notice needs a text of at most {n} characters</source>
            <translation>通知要有内容，最多 {n} 个字</translation>
        </message>
        <message>
            <source>'{text}' is not a day: write it like 2026-12-31</source>
            <translation>“{text}”不是日期：请写成 2026-12-31 这样</translation>
        </message>
        <message>
            <source>'{text}' is not a day: write it like 2026-11-23</source>
            <translation>“{text}”不是日期：请写成 2026-11-23 这样</translation>
        </message>
        <message>
            <source>{key} is not a setting the county decides</source>
            <extracomment>what the county sets as targets (shown first), then the other settings the county decides</extracomment>
            <translation>{key} 不是县里决定的设置</translation>
        </message>
        <message>
            <source>The session has no name (at most 60 characters)</source>
            <translation>培训没有名称（最多 60 个字）</translation>
        </message>
        <message>
            <source>The session needs a start and an end time, like 2026-11-23 14:30</source>
            <translation>培训要有开始和结束时间，写成 2026-11-23 14:30 这样</translation>
        </message>
        <message>
            <source>Category '{text}' is not one of {known}</source>
            <translation>类别“{text}”不是 {known} 之一</translation>
        </message>
        <message>
            <source>Capacity '{text}' must be a number of people from 1 to {most}</source>
            <translation>人数上限“{text}”应是 1 到 {most} 之间的人数</translation>
        </message>
        <message>
            <source>The row names no station: fill in the 服务站 column or upload the file for one station</source>
            <translation>这一行没写服务站：填上“服务站”一栏，或把文件只发给一个服务站</translation>
        </message>
        <message>
            <source>The orders file is not a JSON list of orders: {why}</source>
            <translation>订单文件不是 JSON 订单列表：{why}</translation>
        </message>
        <message>
            <source>Unknown kind of upload {kind}</source>
            <translation>没有这种上传：{kind}</translation>
        </message>
        <message>
            <source>No such upload: upload the file again</source>
            <translation>找不到这次上传：请重新上传文件</translation>
        </message>
        <message>
            <source>The file is larger than {n} MB</source>
            <translation>文件超过 {n} MB</translation>
        </message>
        <message>
            <source>This file is being applied right now</source>
            <translation>这个文件正在发送</translation>
        </message>
        <message>
            <source>No such notice from the county</source>
            <translation>没有这条县里的通知</translation>
        </message>
        <message>
            <source>The notice "{title}" was recorded as posted already</source>
            <translation>通知“{title}”已经记为已张贴</translation>
        </message>
        <message>
            <source>Unknown photo moment {moment}</source>
            <extracomment>local_settings key prefix + sha256 -&gt; the hub's station id: the hub holds that file (written by `sync.evidence`, whose CONFIRMED is this)</extracomment>
            <translation>未知的拍照环节 {moment}</translation>
        </message>
        <message>
            <source>The photo is empty or larger than 10 MB</source>
            <translation>照片是空的或超过10 MB</translation>
        </message>
        <message>
            <source>The camera gave no photo (JPEG or PNG)</source>
            <translation>摄像头没有拍到照片（JPEG或PNG）</translation>
        </message>
        <message>
            <source>No such service record</source>
            <translation>没有这条服务记录</translation>
        </message>
        <message>
            <source>People served must be a whole number from 1 to {most}</source>
            <translation>服务人数应为1到{most}的整数</translation>
        </message>
        <message>
            <source>Choose one of the county's service categories</source>
            <translation>请选择县里规定的服务类别</translation>
        </message>
        <message>
            <source>Say why the record is voided</source>
            <translation>请写明作废这条记录的原因</translation>
        </message>
        <message>
            <source>Record {number} is voided already</source>
            <translation>记录 {number} 已经作废</translation>
        </message>
        <message>
            <source>Record {number} was made on {day}: only today's can be voided</source>
            <translation>记录 {number} 是 {day} 记的：只能作废今天的</translation>
        </message>
        <message>
            <source>Category code '{code}' is not valid: lower-case letters, digits and _ (at most 30)</source>
            <translation>类别代码“{code}”不对：只能用小写字母、数字和_（最多30个）</translation>
        </message>
        <message>
            <source>Category code {code} appears twice</source>
            <translation>类别代码 {code} 重复了</translation>
        </message>
        <message>
            <source>Category {code} needs a name of 1 to 20 characters</source>
            <translation>类别 {code} 需要1到20个字的名称</translation>
        </message>
        <message>
            <source>The county's list needs at least one category</source>
            <translation>县里的类别清单至少要有一个类别</translation>
        </message>
        <message>
            <source>{name} is not a sync bundle of this program: it was not imported.</source>
            <translation>{name} 不是本程序的同步包：没有导入。</translation>
        </message>
        <message>
            <source>{name} is incomplete (the stick was perhaps pulled out while it was written): nothing in it was imported. Write it again at the station.</source>
            <translation>{name} 不完整（可能是写入时U盘被拔出了）：里面的内容一条都没有导入。请在服务站重新写一次。</translation>
        </message>
        <message>
            <source>{name} is damaged or was changed after it was written (its signature does not match): nothing in it was imported.</source>
            <translation>{name} 已损坏或写好后被改动过（签名对不上）：里面的内容一条都没有导入。</translation>
        </message>
        <message>
            <source>{name} was written by a newer version of the program: install the update to read it.</source>
            <translation>{name} 是新版本程序写的：请先安装更新再读取。</translation>
        </message>
        <message>
            <source>{name} was made for another county's hub, not this one: nothing in it was imported.</source>
            <translation>{name} 是给别的县级中心的，不是本中心的：里面的内容一条都没有导入。</translation>
        </message>
        <message>
            <source>{name} is for another station ({station}), not this one: nothing in it was imported.</source>
            <translation>{name} 是给别的服务站（{station}）的，不是本站的：里面的内容一条都没有导入。</translation>
        </message>
        <message>
            <source>{name} comes from a station this hub does not know ({station}): nothing in it was imported.</source>
            <translation>{name} 来自本中心不认识的服务站（{station}）：里面的内容一条都没有导入。</translation>
        </message>
        <message>
            <source>{name} is signed with a key of station {station} that the county has revoked: nothing in it was imported. The station must enroll again.</source>
            <translation>{name} 的签名用的是服务站“{station}”已被县里注销的钥匙：里面的内容一条都没有导入。该站需要重新注册。</translation>
        </message>
        <message>
            <source>{name} is signed with a key this hub never registered for station {station}: nothing in it was imported.</source>
            <translation>{name} 的签名钥匙不是本中心为服务站“{station}”登记过的：里面的内容一条都没有导入。</translation>
        </message>
        <message>
            <source>Not enough room on {folder}: the bundle needs {need}, only {free} is free. Nothing was written; free some space or use another stick.</source>
            <translation>{folder} 空间不够：同步包需要 {need}，只剩 {free}。什么都没有写入；请腾出空间或换一个U盘。</translation>
        </message>
        <message>
            <source>Writing to {folder} failed ({detail}): was the stick pulled out? No half-written bundle is left under a bundle's name; plug the stick in again and write again.</source>
            <translation>写入 {folder} 失败（{detail}）：U盘是不是被拔出了？U盘上不会留下写了一半的同步包；请重新插好U盘再写一次。</translation>
        </message>
        <message>
            <source>Reading {name} failed ({detail}): was the stick pulled out? Nothing in it was imported.</source>
            <translation>读取 {name} 失败（{detail}）：U盘是不是被拔出了？里面的内容一条都没有导入。</translation>
        </message>
        <message>
            <source>{folder} is not a folder (is the stick plugged in?).</source>
            <translation>{folder} 不是一个文件夹（U盘插好了吗？）。</translation>
        </message>
        <message>
            <source>This station's keys for USB-stick sync are not registered with the county hub yet: sync once over the network (or enroll again with a code from the county office), then the stick can be used.</source>
            <translation>本站用于U盘同步的钥匙还没有在县级中心登记：请先联网同步一次（或用县里给的注册码重新注册），之后就能用U盘同步了。</translation>
        </message>
        <message>
            <source>The county holds {acked} records of this station but this file has only {head}: it is an old copy. Nothing was changed. Sync once over the network or call the county office.</source>
            <translation>县里已有本站 {acked} 条记录，而这个数据文件只有 {head} 条：这是一个旧的副本。什么都没有改动。请联网同步一次，或联系县里。</translation>
        </message>
        <message>
            <source>{name} continues county data this station never received (an earlier return bundle is missing, or this file was restored from a backup): nothing in it was applied. Write a new bundle for the county.</source>
            <translation>{name} 接在本站没有收到过的县里数据之后（缺了更早的回程包，或者本站数据是从备份恢复的）：里面的内容一条都没有导入。请给县里重新写一个同步包。</translation>
        </message>
        <message>
            <source>Line {line}: write a code, then the category's name (like: jobs 劳务推荐)</source>
            <extracomment>the list a station starts with (`m011_more_services`) until the county sends its own</extracomment>
            <translation>第 {line} 行：先写代码，再写类别名称（例如：jobs 劳务推荐）</translation>
        </message>
        <message>
            <source>Unknown archive document {kind}</source>
            <translation>没有这种档案材料：{kind}</translation>
        </message>
        <message>
            <source>Choose which of the session's lecturers this is for</source>
            <translation>请选择这份材料属于本场哪位讲师</translation>
        </message>
        <message>
            <source>This file is already in the session's archive</source>
            <translation>这个文件已经在本场档案里了</translation>
        </message>
        <message>
            <source>'{code}' is not an administrative-division code: 6 digits, the first two a province (e.g. 440000 for Guangdong, or a county's own code)</source>
            <translation>“{code}”不是行政区划代码：6 位数字，前两位是省（如广东 440000，或某个县自己的代码）</translation>
        </message>
        <message>
            <source>The destination is in this county's own province: give its county's code (6 digits), not the province's</source>
            <translation>目的地在本省：请填写所到县的 6 位代码，不要填省的代码</translation>
        </message>
        <message>
            <source>Say why the row is rejected</source>
            <translation>请填写驳回原因</translation>
        </message>
        <message>
            <source>A row is accepted or rejected, not '{decision}'</source>
            <translation>每一行只能“通过”或“驳回”，不能是“{decision}”</translation>
        </message>
        <message>
            <source>No claim row {receipt} at this station in {quarter}</source>
            <translation>{quarter} 本站没有申报行 {receipt}</translation>
        </message>
        <message>
            <source>Row {receipt} cannot be claimed ({why}): it cannot be accepted</source>
            <translation>第 {receipt} 行不能申报补贴（{why}），不能通过</translation>
        </message>
        <message>
            <source>'{text}' is not a day like 2026-11-23</source>
            <translation>“{text}”不是日期，请写成 2026-11-23 这样</translation>
        </message>
        <message>
            <source>Person-times must be a whole number from 1 to 5000, poverty-register ones no more than that</source>
            <translation>人次须是 1 到 5000 的整数，其中建档立卡人次不能更多</translation>
        </message>
        <message>
            <source>Unknown indicator {key}</source>
            <translation>没有这个指标：{key}</translation>
        </message>
        <message>
            <source>Give the national system's field name (at most 60 characters)</source>
            <translation>请填写国家系统的字段名（最多 60 个字）</translation>
        </message>
        <message>
            <source>The row has no household number (at most 40 characters)</source>
            <translation>这一行没有户编号（最多 40 个字）</translation>
        </message>
        <message>
            <source>The member has no name</source>
            <translation>成员没有姓名</translation>
        </message>
        <message>
            <source>Import the county's villages first: the register names villages by them</source>
            <translation>请先导入全县行政村名单：贫困户名单按它认村</translation>
        </message>
        <message>
            <source>Village '{village}' is not in the county's village list</source>
            <translation>“{village}”不在全县行政村名单里</translation>
        </message>
        <message>
            <source>脱贫状态 '{text}' must be 未脱贫, 已脱贫 or 监测户</source>
            <translation>脱贫状态“{text}”只能是 未脱贫、已脱贫 或 监测户</translation>
        </message>
        <message>
            <source>示范户 '{text}' must be 是 or 否</source>
            <translation>示范户“{text}”只能是 是 或 否</translation>
        </message>
        <message>
            <source>This ID number is already on line {line}</source>
            <translation>这个身份证号已在第 {line} 行</translation>
        </message>
        <message>
            <source>Household {household} has another village, status or mark on line {line}</source>
            <translation>户 {household} 在第 {line} 行的村、脱贫状态或示范户标记不一样</translation>
        </message>
        <message>
            <source>Lines {lines} are refused: nothing was imported. Fix them and upload the register again.</source>
            <translation>第 {lines} 行不合格：什么都没有导入。改好后请重新上传名单。</translation>
        </message>
        <message>
            <source>Village code '{code}' must have 12 digits (GB/T 2260 county code + township + village)</source>
            <translation>村代码“{code}”须是 12 位（县代码 + 乡镇 + 村）</translation>
        </message>
        <message>
            <source>The village has no name</source>
            <translation>村没有名称</translation>
        </message>
        <message>
            <source>Poor village '{text}' must be 是 or 否</source>
            <translation>贫困村“{text}”只能是 是 或 否</translation>
        </message>
        <message>
            <source>Village code {code} is already on line {line}</source>
            <translation>村代码 {code} 已在第 {line} 行</translation>
        </message>
        <message>
            <source>Village code {code} is in county {county}, the file's other villages in {first}</source>
            <translation>村代码 {code} 属于县 {county}，文件里其他村属于 {first}</translation>
        </message>
        <message>
            <source>Lines {lines} are refused: nothing was sent. Fix them and upload the list again.</source>
            <translation>第 {lines} 行不合格：什么都没有发出。改好后请重新上传名单。</translation>
        </message>
        <message>
            <source>No village with code {code} in the county's list</source>
            <translation>全县名单里没有代码为 {code} 的村</translation>
        </message>
        <message>
            <source>Name the station</source>
            <translation>请写明服务站</translation>
        </message>
        <message>
            <source>This station file is a demo: it holds made-up county data, so it cannot join a real county hub. Nothing was sent. For the real county, start a new station file in a new folder (station-app --data-dir NEW-FOLDER, then the setup) and enroll that one.</source>
            <extracomment>the last seq this station ever put into a push or a USB-stick bundle: records up to it may be at the hub, so the station's own modem never texts their notices (`core.parcels.own_sms`) "demo" once a simulation made up county data in this file (`core.simulate`): a demo or training file, never to join a real county (its made-up county records would clash with the county's)</extracomment>
            <translation>这个服务站文件是演示文件：里面的县级数据是编造的，不能接入真实的县平台，什么也没有发送。要接入真实的县，请在一个新文件夹里新建服务站文件（station-app --data-dir 新文件夹，然后完成设置），再用新文件接入。</translation>
        </message>
    </context>
    <context>
        <name>escape</name>
        <message>
            <source>Close without saving?</source>
            <translation>不保存就关闭吗？</translation>
        </message>
        <message>
            <source>What you typed here will be lost.</source>
            <translation>这里刚输入的内容会丢掉。</translation>
        </message>
        <message>
            <source>Close, drop it (Y)</source>
            <translation>关闭，不要了 (Y)</translation>
        </message>
        <message>
            <source>Keep typing (N)</source>
            <translation>继续填写 (N)</translation>
        </message>
        <message>
            <source>Clear this entry?</source>
            <translation>清空刚才输入的内容吗？</translation>
        </message>
        <message>
            <source>What you typed here will be cleared.</source>
            <translation>这里刚输入的内容会被清空。</translation>
        </message>
        <message>
            <source>Clear it (Y)</source>
            <translation>清空 (Y)</translation>
        </message>
        <message>
            <source>Keep it (N)</source>
            <translation>保留 (N)</translation>
        </message>
    </context>
    <context>
        <name>health</name>
        <message>
            <source>{count} people's ID numbers were recorded with a key this PC does not hold: the same number typed again is not recognised</source>
            <translation>有 {count} 人的身份证号是用这台电脑没有的密钥记录的：再次输入同一号码时认不出来</translation>
        </message>
        <message>
            <source>{count} operators still use a PIN that an older version sent to the county hub: they should change it</source>
            <translation>有 {count} 位操作员还在用旧版本曾发到县平台的 PIN：请尽快更换</translation>
        </message>
    </context>
    <context>
        <name>hub_bundles</name>
        <message>
            <source>{name}: {station}, records {first}-{last}: {new} new, {files} files</source>
            <translation>{name}：{station}，记录 {first}-{last}：新增 {new} 条，文件 {files} 个</translation>
        </message>
        <message>
            <source>{name}: {station}: nothing new (imported before, or already sent over the network)</source>
            <translation>{name}：{station}：没有新内容（以前导入过，或已经联网上传过）</translation>
        </message>
        <message>
            <source>{name}: {station}: this bundle was imported before ({when}): nothing new</source>
            <translation>{name}：{station}：这个同步包以前导入过（{when}）：没有新内容</translation>
        </message>
        <message>
            <source>{name}: {station}: REFUSED: {why}</source>
            <translation>{name}：{station}：被拒收：{why}</translation>
        </message>
        <message>
            <source>return bundle for {station}: {file} ({changes} county changes)</source>
            <translation>给 {station} 的回程包：{file}（县里更新 {changes} 条）</translation>
        </message>
        <message>
            <source>no return bundle for {station}: {why}</source>
            <translation>没有给 {station} 写回程包：{why}</translation>
        </message>
        <message>
            <source>no bundle for the county in {folder}</source>
            <translation>{folder} 里没有给县里的同步包</translation>
        </message>
    </context>
    <context>
        <name>hub_services</name>
        <message>
            <source> or </source>
            <translation>或</translation>
        </message>
        <message>
            <source>already routed to {station} on {day}</source>
            <translation>已于 {day} 分配给 {station}</translation>
        </message>
        <message>
            <source>already on line {line} of this list</source>
            <translation>与本清单第 {line} 行重复</translation>
        </message>
        <message>
            <source>{routed} parcels routed to {stations} stations, {skipped} skipped, {refused} rows refused</source>
            <translation>已分配 {routed} 件快递到 {stations} 个服务站，跳过 {skipped} 件，{refused} 行未导入</translation>
        </message>
        <message>
            <source>line {line}: {waybill} skipped: {why}</source>
            <translation>第 {line} 行：{waybill} 已跳过：{why}</translation>
        </message>
        <message>
            <source>line {line}: refused: {why}</source>
            <translation>第 {line} 行：未导入：{why}</translation>
        </message>
        <message>
            <source>Not sent: only the last 4 digits of the phone number are known</source>
            <translation>未发送：只知道手机尾号，没有完整手机号</translation>
        </message>
        <message>
            <source>Not sent: the parcel had already left the shelf</source>
            <translation>未发送：快递已经取走或退回</translation>
        </message>
        <message>
            <source>The county hub stopped while sending; not sent again to avoid a duplicate. Remind the villager by hand if needed</source>
            <translation>县中心发送时中断，为免重复不再补发。如有需要请人工通知村民</translation>
        </message>
        <message>
            <source>The SMS gateway could not be reached for a day; not sent</source>
            <translation>短信平台一天内都无法连接，未发送</translation>
        </message>
        <message>
            <source>The SMS gateway did not confirm the message; not sent again</source>
            <translation>短信平台没有确认这条短信，不再重发</translation>
        </message>
        <message>
            <source>Not sent: the county hub has no check-in of this parcel</source>
            <translation>未发送：县中心没有这件快递的入库记录</translation>
        </message>
        <message>
            <source>Not sent: the parcel's pickup code is not one the county can send</source>
            <translation>未发送：这件快递的取件码格式不对，县中心不能发送</translation>
        </message>
        <message>
            <source>Texted by the station's own SMS modem while the county hub was out of reach; not sent by the hub</source>
            <translation>联系不上县中心时已由服务站自己的短信猫发出，县中心不再发送</translation>
        </message>
        <message>
            <source>Not sent: the county office decided not to send this SMS</source>
            <translation>未发送：县运营中心决定不发这条短信</translation>
        </message>
        <message>
            <source>catalogue: {added} items added, {changed} changed, {withdrawn} withdrawn, {unchanged} unchanged, {refused} rows refused</source>
            <translation>代购目录：新增 {added} 种，修改 {changed} 种，停售 {withdrawn} 种，未变 {unchanged} 种，{refused} 行未导入</translation>
        </message>
        <message>
            <source>{kept} items the file leaves out were kept (not withdrawn) because rows were refused: fix them and import the file again</source>
            <translation>因为有行未导入，文件中没有列出的 {kept} 种商品暂时保留（未停售）：请改正后重新导入</translation>
        </message>
        <message>
            <source>{number}: sent to {station} ({total})</source>
            <translation>{number}：已发给“{station}”（{total}）</translation>
        </message>
        <message>
            <source>{number}: accepted before, nothing sent again</source>
            <translation>{number}：之前已接收，不再重复发送</translation>
        </message>
        <message>
            <source>order {index} ({number}): refused: {why}</source>
            <translation>第 {index} 个订单（{number}）：未接收：{why}</translation>
        </message>
        <message>
            <source>{file} is not a JSON list of orders: {why}</source>
            <translation>{file} 不是订单的 JSON 列表：{why}</translation>
        </message>
        <message>
            <source>Demo: simulated, no SMS was really sent</source>
            <translation>演示：模拟发送，短信没有真正发出</translation>
        </message>
        <message>
            <source>The SMS did not reach the villager's phone: {why}. Remind by hand</source>
            <translation>短信没有送达村民手机：{why}。请人工提醒</translation>
        </message>
    </context>
    <context>
        <name>hub_sms</name>
        <message>
            <source>{station}: your {carrier} parcel has arrived. Pickup code {code}. Open {hours}{tel}</source>
            <extracomment>the county's texts (a provider's registered template takes the same values by these names)</extracomment>
            <translation>{station}：您的{carrier}包裹已到站，取件码{code}，营业时间{hours}{tel}</translation>
        </message>
        <message>
            <source>{station}: your parcel has waited {days} days. Please collect it soon with pickup code {code}. Open {hours}{tel}</source>
            <translation>{station}：您的包裹已到站{days}天，请凭取件码{code}尽快领取，营业时间{hours}{tel}</translation>
        </message>
        <message>
            <source>{station}: your parcel has a new pickup code {code}. Open {hours}{tel}</source>
            <translation>{station}：您的包裹取件码已改为{code}，营业时间{hours}{tel}</translation>
        </message>
        <message>
            <source>, tel {phone}</source>
            <translation>，电话{phone}</translation>
        </message>
    </context>
    <context>
        <name>hubflags</name>
        <message>
            <source>The county hub does not know records of kind {kind} yet</source>
            <translation>县级中心还不认识 {kind} 类型的记录</translation>
        </message>
        <message>
            <source>Amount {value} fen is out of range</source>
            <translation>金额 {value} 分超出范围</translation>
        </message>
        <message>
            <source>The county's catalogue has no biller product {product}: it cannot be paid as it is</source>
            <translation>县中心缴费目录中没有 {product}：无法按原样缴费</translation>
        </message>
        <message>
            <source>The account number or amount breaks the county's rules for {product}</source>
            <translation>户号或金额不符合县中心对{product}的规定</translation>
        </message>
        <message>
            <source>Voided at the station's request before it was paid: refund the payer</source>
            <translation>站点申请作废，尚未缴费：请给缴费人退款</translation>
        </message>
        <message>
            <source>The county is checking this payment before it is paid (over the station's limit for the day)</source>
            <translation>县里正在核对这笔缴费，核对后才会缴纳（超过了该站当天的限额）</translation>
        </message>
        <message>
            <source>Held: more than {limit} bill payments from the station today</source>
            <translation>已暂扣：该站今天的代缴超过 {limit} 笔</translation>
        </message>
        <message>
            <source>Held: bill payments from the station today would pass {limit} yuan</source>
            <translation>已暂扣：该站今天的代缴金额将超过 {limit} 元</translation>
        </message>
        <message>
            <source>The county office did not pay this bill: refund the payer</source>
            <translation>县运营中心没有缴纳这笔费用：请退款给缴费人</translation>
        </message>
        <message>
            <source>Bills are not being paid until the county acts: {detail}</source>
            <translation>缴费暂停，需县里处理：{detail}</translation>
        </message>
        <message>
            <source>The SMS gateway refuses the hub's requests until its configuration is fixed: {detail}</source>
            <translation>短信通道拒绝县中心的请求，需先修正通道配置：{detail}</translation>
        </message>
        <message>
            <source>Held: the station asked for more than {limit} SMS today</source>
            <translation>已暂扣：该站今天要求发送的短信超过 {limit} 条</translation>
        </message>
        <message>
            <source>Held: more than {limit} SMS about one parcel ({waybill})</source>
            <translation>已暂扣：同一件快递（{waybill}）的短信超过 {limit} 条</translation>
        </message>
        <message>
            <source>A {kind} SMS for a parcel the hub never saw checked in: not sent</source>
            <translation>一条{kind}短信所说的快递，县中心没有收到过它的入库记录：未发送</translation>
        </message>
        <message>
            <source>The SMS asked for phone ending {asked}; the parcel's phone ends {known}: sent to the parcel's phone</source>
            <translation>短信要求发往尾号 {asked} 的手机，而这件快递的手机尾号是 {known}：已发往快递记录上的手机</translation>
        </message>
        <message>
            <source>An SMS with a pickup code the county cannot send ({code}): not sent</source>
            <translation>短信中的取件码（{code}）格式不对，县中心不能发送：未发送</translation>
        </message>
        <message>
            <source>The recharge platform reported order {order} {theirs}, but the hub has it {ours}: check the order with the platform</source>
            <translation>充值平台回报订单 {order} 为 {theirs}，县中心记录为 {ours}：请与平台核对该订单</translation>
        </message>
        <message>
            <source>The recharge platform's statement of {day} differs for order {order}: platform {theirs}, hub {ours}</source>
            <translation>充值平台 {day} 的对账单中订单 {order} 不一致：平台 {theirs}，县中心 {ours}</translation>
        </message>
    </context>
    <context>
        <name>labels</name>
        <message>
            <source>villager card</source>
            <extracomment>what each kind of label is called on screen</extracomment>
            <translation>村民卡</translation>
        </message>
        <message>
            <source>traceability label</source>
            <translation>溯源标签</translation>
        </message>
        <message>
            <source>training session</source>
            <translation>培训场次</translation>
        </message>
        <message>
            <source>order</source>
            <translation>订单</translation>
        </message>
    </context>
    <context>
        <name>notices</name>
        <message>
            <source>Sent by {sender}</source>
            <translation>发布单位：{sender}</translation>
        </message>
        <message>
            <source>Received {day}</source>
            <translation>收到日期：{day}</translation>
        </message>
        <message>
            <source>Valid until {day}</source>
            <translation>有效期至：{day}</translation>
        </message>
        <message>
            <source>Posted on the wall on: ____________</source>
            <translation>张贴日期：____________</translation>
        </message>
    </context>
    <context>
        <name>online</name>
        <message>
            <source>To pack</source>
            <translation>待打包</translation>
        </message>
        <message>
            <source>Packed</source>
            <translation>已打包</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>已发出</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>已取消</translation>
        </message>
    </context>
    <context>
        <name>orders</name>
        <message>
            <source>Seed</source>
            <extracomment>the kinds of farm input (农资) a catalogue item or request may be</extracomment>
            <translation>种子</translation>
        </message>
        <message>
            <source>Fertiliser</source>
            <translation>化肥</translation>
        </message>
        <message>
            <source>Pesticide</source>
            <translation>农药</translation>
        </message>
        <message>
            <source>Fuel oil</source>
            <translation>油料</translation>
        </message>
        <message>
            <source>Ordered</source>
            <translation>已下单</translation>
        </message>
        <message>
            <source>Arrived</source>
            <translation>已到货</translation>
        </message>
        <message>
            <source>Picked up</source>
            <translation>已取件</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>已取消</translation>
        </message>
    </context>
    <context>
        <name>outbound</name>
        <message>
            <source>Cash</source>
            <translation>现金</translation>
        </message>
        <message>
            <source>QR code payment</source>
            <translation>扫码支付</translation>
        </message>
        <message>
            <source>Fruit</source>
            <translation>水果</translation>
        </message>
        <message>
            <source>Vegetables</source>
            <translation>蔬菜</translation>
        </message>
        <message>
            <source>Grain and oil</source>
            <translation>粮油</translation>
        </message>
        <message>
            <source>Meat and eggs</source>
            <translation>肉蛋</translation>
        </message>
        <message>
            <source>Fish and aquatic products</source>
            <translation>水产品</translation>
        </message>
        <message>
            <source>Tea</source>
            <translation>茶叶</translation>
        </message>
        <message>
            <source>Dried and mountain produce</source>
            <translation>干货山货</translation>
        </message>
        <message>
            <source>Other farm produce</source>
            <translation>其他农产品</translation>
        </message>
        <message>
            <source>The e-waybill number does not look like one of {carrier}: check the carrier</source>
            <translation>这个电子面单号不像是{carrier}的：请核对快递公司</translation>
        </message>
    </context>
    <context>
        <name>own_sms</name>
        <message>
            <source>Sent by this station's SMS modem (the county hub was out of reach)</source>
            <translation>已由本站短信猫发出（当时联系不上县中心）</translation>
        </message>
        <message>
            <source>This station's SMS modem could not send it: {detail}</source>
            <translation>本站短信猫发送失败：{detail}</translation>
        </message>
        <message>
            <source>This station's SMS modem took it without answering; not sent again. Remind the villager by hand if needed</source>
            <translation>本站短信猫收下了短信但没有回应，不再重发。如有需要请人工提醒村民</translation>
        </message>
        <message>
            <source>The station stopped while its SMS modem was sending; not sent again. Remind the villager by hand if needed</source>
            <translation>本站短信猫发送时程序中断，不再重发。如有需要请人工提醒村民</translation>
        </message>
        <message>
            <source>This station's SMS modem is not ready; it tries again: {detail}</source>
            <translation>本站短信猫没有准备好，稍后再试：{detail}</translation>
        </message>
        <message>
            <source>This station's SMS modem could not send it for a day; not sent</source>
            <translation>本站短信猫一天都没能发出，未发送</translation>
        </message>
        <message>
            <source>SMS modem receipt: delivered to the villager's phone</source>
            <translation>短信猫回执：已送达村民手机</translation>
        </message>
        <message>
            <source>SMS modem receipt: not delivered (status {status}); remind the villager another way</source>
            <translation>短信猫回执：未送达（状态 {status}），请另行提醒村民</translation>
        </message>
    </context>
    <context>
        <name>parcels</name>
        <message>
            <source>On its way</source>
            <translation>在途</translation>
        </message>
        <message>
            <source>On the shelf</source>
            <translation>在架</translation>
        </message>
        <message>
            <source>On the shelf, SMS sent</source>
            <translation>在架，已通知</translation>
        </message>
        <message>
            <source>To be returned</source>
            <translation>待退回</translation>
        </message>
        <message>
            <source>Problem parcel</source>
            <translation>问题件</translation>
        </message>
        <message>
            <source>Picked up</source>
            <translation>已取件</translation>
        </message>
        <message>
            <source>Returned</source>
            <translation>已退回</translation>
        </message>
        <message>
            <source>Damaged</source>
            <translation>破损</translation>
        </message>
        <message>
            <source>Lost</source>
            <translation>丢失</translation>
        </message>
        <message>
            <source>Wrong address</source>
            <translation>地址错误</translation>
        </message>
        <message>
            <source>Refused by the recipient</source>
            <translation>收件人拒收</translation>
        </message>
        <message>
            <source>Not collected in time</source>
            <translation>超期未取</translation>
        </message>
        <message>
            <source>The county asked for it back</source>
            <translation>县里要求退回</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>其他</translation>
        </message>
        <message>
            <source>The county says this parcel belongs to another station</source>
            <translation>县里提示：此件属于其他服务站</translation>
        </message>
        <message>
            <source>The county asked for it back after it had left the shelf</source>
            <translation>县里要求退回时，此件已出库</translation>
        </message>
        <message>
            <source>The county flagged this parcel</source>
            <translation>县里对此件有警告</translation>
        </message>
        <message>
            <source>Recipient</source>
            <translation>收件人</translation>
        </message>
        <message>
            <source>Someone else for them</source>
            <translation>代取</translation>
        </message>
        <message>
            <source>Pickup code</source>
            <translation>取件码</translation>
        </message>
        <message>
            <source>Phone tail</source>
            <translation>手机尾号</translation>
        </message>
        <message>
            <source>Phone number</source>
            <translation>手机号</translation>
        </message>
        <message>
            <source>Waybill</source>
            <translation>运单号</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Identity QR code</source>
            <translation>身份码</translation>
        </message>
        <message>
            <source>Proxy order slip</source>
            <translation>代购单</translation>
        </message>
        <message>
            <source>The county asked for this parcel to be returned: keep it apart and return it</source>
            <translation>县里要求退回此件：请单独存放并退回</translation>
        </message>
        <message>
            <source>Small</source>
            <translation>小件</translation>
        </message>
        <message>
            <source>Medium</source>
            <translation>中件</translation>
        </message>
        <message>
            <source>Large</source>
            <translation>大件</translation>
        </message>
        <message>
            <source>Bulky</source>
            <translation>超大件</translation>
        </message>
        <message>
            <source>Found on the shelf</source>
            <translation>已在货架上找到</translation>
        </message>
        <message>
            <source>Put back on the shelf</source>
            <translation>重新上架</translation>
        </message>
        <message>
            <source>Set aside (not ours / moved back)</source>
            <translation>另行处理（非本站件 / 已放回原处）</translation>
        </message>
        <message>
            <source>The parcel at check-in</source>
            <translation>入库时的包裹</translation>
        </message>
        <message>
            <source>The collector at hand-over</source>
            <translation>出库时的取件人</translation>
        </message>
        <message>
            <source>SMS waiting: the county sends it after the next sync</source>
            <translation>待发（等同步）</translation>
        </message>
        <message>
            <source>SMS waiting for this station's modem</source>
            <translation>待发（本机）</translation>
        </message>
        <message>
            <source>SMS being sent</source>
            <translation>发送中</translation>
        </message>
        <message>
            <source>SMS sent</source>
            <translation>已发出</translation>
        </message>
        <message>
            <source>SMS sent by this station's modem</source>
            <translation>已发出（本机）</translation>
        </message>
        <message>
            <source>SMS not sent</source>
            <translation>未发出</translation>
        </message>
        <message>
            <source>SMS may not have gone</source>
            <translation>可能未发出</translation>
        </message>
    </context>
    <context>
        <name>people</name>
        <message>
            <source>Male</source>
            <extracomment>the groups the county plans count trainees by (返乡大学生, 返乡农民工, 服务站负责人, 个体户, 村干部): a person marked with one signs in to training under it (`training.sign_in`)</extracomment>
            <translation>男</translation>
        </message>
        <message>
            <source>Female</source>
            <translation>女</translation>
        </message>
    </context>
    <context>
        <name>receipt</name>
        <message>
            <source>REPRINT (first printed {time})</source>
            <translation>重印（原单打印于 {time}）</translation>
        </message>
        <message>
            <source>Date:</source>
            <translation>日期：</translation>
        </message>
        <message>
            <source>Pickup code</source>
            <translation>取件码</translation>
        </message>
        <message>
            <source>Parcel pickup slip</source>
            <translation>快递取件单</translation>
        </message>
        <message>
            <source>Waybill</source>
            <translation>运单号</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>快递公司</translation>
        </message>
        <message>
            <source>Recipient</source>
            <translation>收件人</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>手机号</translation>
        </message>
        <message>
            <source>Shelf</source>
            <translation>货架</translation>
        </message>
        <message>
            <source>Arrived at</source>
            <translation>到站时间</translation>
        </message>
        <message>
            <source>Show the pickup code or give the last 4 digits of your phone to collect.</source>
            <translation>凭取件码或手机尾号后4位取件。</translation>
        </message>
        <message>
            <source>Parcel sent</source>
            <translation>代发快递</translation>
        </message>
        <message>
            <source>Parcel sending receipt</source>
            <translation>代发快递收据</translation>
        </message>
        <message>
            <source>Receipt no.</source>
            <translation>单号</translation>
        </message>
        <message>
            <source>Sender</source>
            <translation>寄件人</translation>
        </message>
        <message>
            <source>Destination</source>
            <translation>寄往</translation>
        </message>
        <message>
            <source>Contents</source>
            <translation>物品</translation>
        </message>
        <message>
            <source>Weight</source>
            <translation>重量</translation>
        </message>
        <message>
            <source>Farm produce sent out of the county (county programme)</source>
            <translation>农产品出村进城（县级补贴项目）</translation>
        </message>
        <message>
            <source>Postage</source>
            <translation>运费</translation>
        </message>
        <message>
            <source>Paid by the county subsidy</source>
            <translation>运费由县级补贴支付</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>操作员</translation>
        </message>
        <message>
            <source>Service</source>
            <translation>业务</translation>
        </message>
        <message>
            <source>Biller</source>
            <translation>缴费单位</translation>
        </message>
        <message>
            <source>Account no.</source>
            <translation>户号</translation>
        </message>
        <message>
            <source>Account name</source>
            <translation>户名</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <source>Service fee</source>
            <translation>服务费</translation>
        </message>
        <message>
            <source>Cash received</source>
            <translation>实收</translation>
        </message>
        <message>
            <source>Accepted at</source>
            <translation>受理时间</translation>
        </message>
        <message>
            <source>Bill accepted</source>
            <translation>缴费受理</translation>
        </message>
        <message>
            <source>Bill payment: ACCEPTED (not yet paid)</source>
            <translation>代缴费受理凭证（尚未缴费成功）</translation>
        </message>
        <message>
            <source>NOT PAID YET</source>
            <translation>尚未缴费成功</translation>
        </message>
        <message>
            <source>The station has taken your money and will pay the bill. The bill is NOT paid until you get a 'Bill paid' receipt. If the payment fails, all of the money is given back.</source>
            <translation>本站已收取您的款项，将代您缴费。拿到《缴费成功凭证》之前，费用尚未缴纳成功。如缴费失败，款项全额退还。</translation>
        </message>
        <message>
            <source>Keep this slip until the payment is done.</source>
            <translation>请保管好本凭证，直至缴费成功。</translation>
        </message>
        <message>
            <source>Bill paid</source>
            <translation>缴费成功</translation>
        </message>
        <message>
            <source>Bill payment: PAID</source>
            <translation>缴费成功凭证</translation>
        </message>
        <message>
            <source>DEMO, NOT PAID</source>
            <translation>演示，未真正支付</translation>
        </message>
        <message>
            <source>Paid at</source>
            <translation>缴费时间</translation>
        </message>
        <message>
            <source>Biller reference</source>
            <translation>缴费流水号</translation>
        </message>
        <message>
            <source>Bill failed</source>
            <translation>缴费失败</translation>
        </message>
        <message>
            <source>Bill payment: FAILED</source>
            <translation>缴费失败通知</translation>
        </message>
        <message>
            <source>PAYMENT FAILED</source>
            <translation>缴费失败</translation>
        </message>
        <message>
            <source>PARTLY PAID</source>
            <translation>部分缴费</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>The bill was not paid. Bring this slip to the station to get your money back: {amount}.</source>
            <translation>本次未能缴费成功。请凭本单到服务站领取退款：{amount}。</translation>
        </message>
        <message>
            <source>Refund</source>
            <translation>退款</translation>
        </message>
        <message>
            <source>Bill payment: REFUNDED</source>
            <translation>缴费退款凭证</translation>
        </message>
        <message>
            <source>Refund amount</source>
            <translation>退款金额</translation>
        </message>
        <message>
            <source>Refund time</source>
            <translation>退款时间</translation>
        </message>
        <message>
            <source>Received by (signature):</source>
            <translation>领款人签字：</translation>
        </message>
        <message>
            <source>Paid by the biller</source>
            <translation>缴费单位已收</translation>
        </message>
        <message>
            <source>Unpaid part</source>
            <translation>未缴部分</translation>
        </message>
        <message>
            <source>Void</source>
            <translation>作废</translation>
        </message>
        <message>
            <source>Bill payment: VOIDED</source>
            <translation>缴费：已作废</translation>
        </message>
        <message>
            <source>VOIDED, NOT PAID</source>
            <translation>已作废 未缴费</translation>
        </message>
        <message>
            <source>Consignment label</source>
            <translation>代卖标签</translation>
        </message>
        <message>
            <source>Quantity</source>
            <translation>数量</translation>
        </message>
        <message>
            <source>Producer</source>
            <translation>生产者</translation>
        </message>
        <message>
            <source>Origin</source>
            <translation>产地</translation>
        </message>
        <message>
            <source>Taken in</source>
            <translation>收货日期</translation>
        </message>
        <message>
            <source>Item no.</source>
            <translation>货号</translation>
        </message>
        <message>
            <source>Scan to trace where it comes from</source>
            <translation>扫码查看产品溯源</translation>
        </message>
        <message>
            <source>Goods</source>
            <translation>商品</translation>
        </message>
        <message>
            <source>Qty</source>
            <translation>数量</translation>
        </message>
        <message>
            <source>…and {n} more (on each item's label)</source>
            <extracomment>trace codes printed under one sale line; a line of more units prints one fewer and says how many more there are (each unit carries its own label: the receipt stays short)</extracomment>
            <translation>……另有 {n} 个（见每件商品的标签）</translation>
        </message>
        <message>
            <source>Sale</source>
            <translation>销售</translation>
        </message>
        <message>
            <source>Sales receipt</source>
            <translation>销售小票</translation>
        </message>
        <message>
            <source>Under each item: its trace code, which tells where it comes from.</source>
            <translation>每件商品下方是它的追溯码，可查来源。</translation>
        </message>
        <message>
            <source>Discount</source>
            <translation>优惠</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>合计</translation>
        </message>
        <message>
            <source>Paid by</source>
            <translation>付款方式</translation>
        </message>
        <message>
            <source>Cash paid</source>
            <translation>实付</translation>
        </message>
        <message>
            <source>Change given</source>
            <translation>找零</translation>
        </message>
        <message>
            <source>Thank you!</source>
            <translation>谢谢惠顾！</translation>
        </message>
        <message>
            <source>Return and refund</source>
            <translation>退货退款</translation>
        </message>
        <message>
            <source>Return and refund receipt</source>
            <translation>退货退款单</translation>
        </message>
        <message>
            <source>Return no.</source>
            <translation>退货单号</translation>
        </message>
        <message>
            <source>Original sale no.</source>
            <translation>原销售单号</translation>
        </message>
        <message>
            <source>Goods total</source>
            <translation>商品金额</translation>
        </message>
        <message>
            <source>Refund total</source>
            <translation>退款合计</translation>
        </message>
        <message>
            <source>Refunded by</source>
            <translation>退款方式</translation>
        </message>
        <message>
            <source>Settlement</source>
            <translation>结算</translation>
        </message>
        <message>
            <source>Consignment settlement</source>
            <translation>代卖结算单</translation>
        </message>
        <message>
            <source>Statement no.</source>
            <translation>结算单号</translation>
        </message>
        <message>
            <source>Consignor</source>
            <translation>寄卖人</translation>
        </message>
        <message>
            <source>Settlement period</source>
            <translation>结算期间</translation>
        </message>
        <message>
            <source>Sales total</source>
            <translation>销售额</translation>
        </message>
        <message>
            <source>Station commission</source>
            <translation>服务站佣金</translation>
        </message>
        <message>
            <source>Paid to consignor</source>
            <translation>实付寄卖人</translation>
        </message>
        <message>
            <source>Consignor (signature):</source>
            <translation>寄卖人签字：</translation>
        </message>
        <message>
            <source>Order no.</source>
            <translation>订单号</translation>
        </message>
        <message>
            <source>Ordered by</source>
            <translation>订购人</translation>
        </message>
        <message>
            <source>Proxy order</source>
            <translation>代购</translation>
        </message>
        <message>
            <source>Proxy purchase order slip</source>
            <translation>代购单</translation>
        </message>
        <message>
            <source>Estimated price</source>
            <translation>预估货款</translation>
        </message>
        <message>
            <source>Deposit paid</source>
            <translation>已付订金</translation>
        </message>
        <message>
            <source>Balance to pay at pickup (estimated)</source>
            <translation>取货时应补尾款（预估）</translation>
        </message>
        <message>
            <source>To be returned at pickup (estimated)</source>
            <translation>取货时应退款（预估）</translation>
        </message>
        <message>
            <source>The balance is worked out on the real price of the goods when you pick them up.</source>
            <translation>尾款在取货时按商品实际价格结算，多退少补。</translation>
        </message>
        <message>
            <source>Ordered at</source>
            <translation>下单时间</translation>
        </message>
        <message>
            <source>Bring this slip when the goods arrive.</source>
            <translation>货到后请凭此单取货。</translation>
        </message>
        <message>
            <source>Order pickup</source>
            <translation>代购取货</translation>
        </message>
        <message>
            <source>Proxy purchase pickup receipt</source>
            <translation>代购取货凭证</translation>
        </message>
        <message>
            <source>Farm input</source>
            <translation>农资类别</translation>
        </message>
        <message>
            <source>Batch no.</source>
            <translation>批号</translation>
        </message>
        <message>
            <source>Cost of the goods</source>
            <translation>实际货款</translation>
        </message>
        <message>
            <source>Order total</source>
            <translation>订单合计</translation>
        </message>
        <message>
            <source>Deposit already paid</source>
            <translation>已付订金</translation>
        </message>
        <message>
            <source>Balance paid</source>
            <translation>补交尾款</translation>
        </message>
        <message>
            <source>Returned to you</source>
            <translation>退还给您</translation>
        </message>
        <message>
            <source>Returned by</source>
            <translation>退款方式</translation>
        </message>
        <message>
            <source>The deposit was more than the order total; the difference was given back to you.</source>
            <translation>所付订金多于订单合计，差额已退还给您。</translation>
        </message>
        <message>
            <source>The deposit paid for the whole order; nothing more was paid.</source>
            <translation>订金正好抵付全部款项，无需补款。</translation>
        </message>
        <message>
            <source>Picked up at</source>
            <translation>取货时间</translation>
        </message>
        <message>
            <source>Goods received by (signature):</source>
            <translation>取货人签字：</translation>
        </message>
        <message>
            <source>Order cancelled</source>
            <translation>代购取消</translation>
        </message>
        <message>
            <source>Proxy purchase cancellation</source>
            <translation>代购取消凭证</translation>
        </message>
        <message>
            <source>ORDER CANCELLED</source>
            <translation>订单已取消</translation>
        </message>
        <message>
            <source>Deposit returned</source>
            <translation>退还订金</translation>
        </message>
        <message>
            <source>No deposit was paid, so there is nothing to give back.</source>
            <translation>未付订金，无需退款。</translation>
        </message>
        <message>
            <source>Cancelled at</source>
            <translation>取消时间</translation>
        </message>
        <message>
            <source>Ordered by (signature):</source>
            <translation>订购人签字：</translation>
        </message>
        <message>
            <source>Packing slip</source>
            <translation>发货清单</translation>
        </message>
        <message>
            <source>Online order packing slip</source>
            <translation>网店订单发货清单</translation>
        </message>
        <message>
            <source>Platform</source>
            <translation>销售平台</translation>
        </message>
        <message>
            <source>Deliver to</source>
            <translation>收货人</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>收货地址</translation>
        </message>
        <message>
            <source>Each item's label has a QR code: scan it to see who produced it and where. Its trace code is listed under the item.</source>
            <translation>每件商品的标签上都有二维码，扫码即可查看生产者和产地。各商品的溯源码列在商品名下方。</translation>
        </message>
        <message>
            <source>Packed at</source>
            <translation>打包时间</translation>
        </message>
        <message>
            <source>Packed by</source>
            <translation>打包人</translation>
        </message>
        <message>
            <source>Thank you for buying from our village!</source>
            <translation>感谢您购买我们村的农产品！</translation>
        </message>
        <message>
            <source>Training card</source>
            <translation>培训签到卡</translation>
        </message>
        <message>
            <source>Training sign-in card</source>
            <translation>培训签到卡</translation>
        </message>
        <message>
            <source>Course</source>
            <translation>课程</translation>
        </message>
        <message>
            <source>Place</source>
            <translation>地点</translation>
        </message>
        <message>
            <source>Show this code at sign-in</source>
            <translation>签到时请出示此码</translation>
        </message>
        <message>
            <source>Cash close</source>
            <translation>日结</translation>
        </message>
        <message>
            <source>Daily cash close</source>
            <translation>每日现金日结单</translation>
        </message>
        <message>
            <source>Business day</source>
            <translation>营业日</translation>
        </message>
        <message>
            <source>Opening float</source>
            <translation>备用金</translation>
        </message>
        <message>
            <source>Business</source>
            <translation>业务</translation>
        </message>
        <message>
            <source>Transactions</source>
            <translation>笔数</translation>
        </message>
        <message>
            <source>Expected cash</source>
            <translation>应有现金</translation>
        </message>
        <message>
            <source>Counted cash</source>
            <translation>实点现金</translation>
        </message>
        <message>
            <source>Over</source>
            <translation>长款</translation>
        </message>
        <message>
            <source>Short</source>
            <translation>短款</translation>
        </message>
        <message>
            <source>Difference</source>
            <translation>差额</translation>
        </message>
        <message>
            <source>Closed at</source>
            <translation>日结时间</translation>
        </message>
        <message>
            <source>Operator (signature):</source>
            <translation>操作员签字：</translation>
        </message>
        <message>
            <source>Printer test page</source>
            <translation>打印测试页</translation>
        </message>
        <message>
            <source>Village Station</source>
            <translation>村级电商服务站</translation>
        </message>
        <message>
            <source>Printer</source>
            <translation>打印机</translation>
        </message>
        <message>
            <source>Printer model</source>
            <translation>打印机型号</translation>
        </message>
        <message>
            <source>Paper width</source>
            <translation>纸宽</translation>
        </message>
        <message>
            <source>Normal size 中文 ABC 123</source>
            <translation>正常字号 中文 ABC 123</translation>
        </message>
        <message>
            <source>Bold 粗体</source>
            <translation>粗体 Bold</translation>
        </message>
        <message>
            <source>Double 2倍</source>
            <translation>2倍字号</translation>
        </message>
        <message>
            <source>Left aligned</source>
            <translation>左对齐</translation>
        </message>
        <message>
            <source>Centred</source>
            <translation>居中</translation>
        </message>
        <message>
            <source>Right aligned</source>
            <translation>右对齐</translation>
        </message>
        <message>
            <source>If you can read every line above, the printer works.</source>
            <translation>以上各行都能看清，说明打印机工作正常。</translation>
        </message>
        <message>
            <source>Hand-over sheet</source>
            <translation>交接单</translation>
        </message>
        <message>
            <source>Courier hand-over sheet</source>
            <translation>交接单</translation>
        </message>
        <message>
            <source>Sheet no.</source>
            <translation>交接单号</translation>
        </message>
        <message>
            <source>Courier name</source>
            <translation>快递员</translation>
        </message>
        <message>
            <source>Receiver</source>
            <translation>收件人</translation>
        </message>
        <message>
            <source>Number of parcels</source>
            <translation>件数</translation>
        </message>
        <message>
            <source>Total weight</source>
            <translation>总重量</translation>
        </message>
        <message>
            <source>Farm produce</source>
            <translation>农产品</translation>
        </message>
        <message>
            <source>Not scanned, still at the station:</source>
            <translation>未扫描、仍在站里：</translation>
        </message>
        <message>
            <source>Courier (signature):</source>
            <translation>快递员签字：</translation>
        </message>
        <message>
            <source>Cash withdrawal</source>
            <translation>助农取款</translation>
        </message>
        <message>
            <source>Bank-card cash withdrawal voucher (助农取款)</source>
            <translation>助农取款凭条</translation>
        </message>
        <message>
            <source>Voucher no.</source>
            <translation>凭条号</translation>
        </message>
        <message>
            <source>Card</source>
            <translation>卡号</translation>
        </message>
        <message>
            <source>Bank</source>
            <translation>发卡行</translation>
        </message>
        <message>
            <source>Terminal trace no.</source>
            <translation>终端流水号</translation>
        </message>
        <message>
            <source>Terminal time</source>
            <translation>终端时间</translation>
        </message>
        <message>
            <source>Cardholder</source>
            <translation>持卡人</translation>
        </message>
        <message>
            <source>Cash paid out</source>
            <translation>付出现金</translation>
        </message>
        <message>
            <source>The cash was counted out in front of the cardholder. Keep this voucher with the bank terminal's slip.</source>
            <translation>现金已当面点清。请与银行终端签购单一起保存本凭条。</translation>
        </message>
        <message>
            <source>Cardholder (signature or thumbprint):</source>
            <translation>持卡人签字或按手印：</translation>
        </message>
        <message>
            <source>Withdrawal voided</source>
            <translation>取款作废</translation>
        </message>
        <message>
            <source>Bank-card cash withdrawal voided</source>
            <translation>助农取款作废单</translation>
        </message>
        <message>
            <source>VOIDED</source>
            <translation>已作废</translation>
        </message>
        <message>
            <source>Cash given back</source>
            <translation>收回现金</translation>
        </message>
        <message>
            <source>Voided at</source>
            <translation>作废时间</translation>
        </message>
        <message>
            <source>Service receipt</source>
            <translation>便民服务收费单</translation>
        </message>
        <message>
            <source>Record no.</source>
            <translation>记录号</translation>
        </message>
        <message>
            <source>For</source>
            <translation>发给</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>详情</translation>
        </message>
        <message>
            <source>People</source>
            <translation>人数</translation>
        </message>
        <message>
            <source>County notice</source>
            <translation>县里的通知</translation>
        </message>
        <message>
            <source>Notice from the county</source>
            <translation>县里的通知</translation>
        </message>
        <message>
            <source>From</source>
            <translation>发布单位</translation>
        </message>
        <message>
            <source>Received</source>
            <translation>收到</translation>
        </message>
        <message>
            <source>Valid until</source>
            <translation>有效期至</translation>
        </message>
        <message>
            <source>Printed</source>
            <translation>打印</translation>
        </message>
        <message>
            <source>Posted on the wall on:</source>
            <translation>张贴日期：</translation>
        </message>
    </context>
    <context>
        <name>register</name>
        <message>
            <source>Not yet lifted out of poverty</source>
            <extracomment>脱贫 status as the county's register gives it</extracomment>
            <translation>未脱贫</translation>
        </message>
        <message>
            <source>Lifted out of poverty</source>
            <translation>已脱贫</translation>
        </message>
        <message>
            <source>Monitored against falling back</source>
            <translation>监测户（防返贫）</translation>
        </message>
    </context>
    <context>
        <name>reports</name>
        <message>
            <source>Monthly station report</source>
            <translation>服务站月报</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>合计</translation>
        </message>
        <message>
            <source>{count} rows</source>
            <translation>{count} 条</translation>
        </message>
        <message>
            <source>Section</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>Figure</source>
            <translation>指标</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>数值</translation>
        </message>
        <message>
            <source>Rows behind it</source>
            <translation>明细</translation>
        </message>
        <message>
            <source>Bills by biller</source>
            <translation>按缴费单位</translation>
        </message>
        <message>
            <source>Biller</source>
            <translation>缴费单位</translation>
        </message>
        <message>
            <source>Bills accepted</source>
            <translation>受理缴费</translation>
        </message>
        <message>
            <source>Amount accepted</source>
            <translation>受理金额</translation>
        </message>
        <message>
            <source>Bills paid</source>
            <translation>缴费成功</translation>
        </message>
        <message>
            <source>Amount paid</source>
            <translation>缴费成功金额</translation>
        </message>
        <message>
            <source>Bills failed</source>
            <translation>缴费失败</translation>
        </message>
        <message>
            <source>Bills refunded</source>
            <translation>已退款笔数</translation>
        </message>
        <message>
            <source>Fees taken</source>
            <translation>收取手续费</translation>
        </message>
        <message>
            <source>Commission</source>
            <translation>佣金</translation>
        </message>
        <message>
            <source>Page {page} of {pages}</source>
            <extracomment>the figures of the per-station table in the PDF (it must fit an A4 page across)</extracomment>
            <translation>第 {page} 页 共 {pages} 页</translation>
        </message>
        <message>
            <source>Service</source>
            <translation>业务</translation>
        </message>
        <message>
            <source>Households</source>
            <translation>户数</translation>
        </message>
        <message>
            <source>Times</source>
            <translation>次数</translation>
        </message>
        <message>
            <source>Farm-produce outbound subsidy claim</source>
            <translation>农产品出县快递补贴申报</translation>
        </message>
        <message>
            <source>{count} parcels × {rate}</source>
            <translation>{count} 单 × {rate}</translation>
        </message>
        <message>
            <source>Station keeper (signature): ____________    County checker (signature): ____________    Date: ____________</source>
            <translation>服务站负责人（签字）：____________　　县级审核人（签字）：____________　　日期：____________</translation>
        </message>
        <message>
            <source>Parcels</source>
            <translation>快递</translation>
        </message>
        <message>
            <source>Delivery times</source>
            <translation>到件时效</translation>
        </message>
        <message>
            <source>Farm produce sent out of the county</source>
            <translation>农产品出县</translation>
        </message>
        <message>
            <source>Bills and top-ups</source>
            <translation>代缴费与充值</translation>
        </message>
        <message>
            <source>Consignment sales</source>
            <translation>代销</translation>
        </message>
        <message>
            <source>Proxy purchases</source>
            <translation>代购</translation>
        </message>
        <message>
            <source>Training</source>
            <translation>培训</translation>
        </message>
        <message>
            <source>Poverty-register households served</source>
            <translation>服务建档立卡贫困户</translation>
        </message>
        <message>
            <source>Cash</source>
            <translation>现金</translation>
        </message>
        <message>
            <source>Parcels arrived</source>
            <extracomment>a figure's value: a count or fen, a share or hours (float), None when there is none
----------
x - y in whole milliseconds (NULL when either is NULL or not a time SQLite reads) the daily report's counts as the reports page lists them: (section, key, label, kind)
----------
the figures the reports page draws for the last 12 months: (series key, section, key, label, kind)</extracomment>
            <translation>快递入库</translation>
        </message>
        <message>
            <source>Parcels picked up</source>
            <translation>取件出库</translation>
        </message>
        <message>
            <source>Picked up at</source>
            <translation>取件时间</translation>
        </message>
        <message>
            <source>Parcels overdue</source>
            <translation>滞留件</translation>
        </message>
        <message>
            <source>Parcels returned</source>
            <translation>退件</translation>
        </message>
        <message>
            <source>Returned at</source>
            <translation>退件时间</translation>
        </message>
        <message>
            <source>Problem parcels</source>
            <translation>问题件</translation>
        </message>
        <message>
            <source>Recorded at</source>
            <translation>登记时间</translation>
        </message>
        <message>
            <source>Taken at</source>
            <translation>收寄时间</translation>
        </message>
        <message>
            <source>Handed to the courier at</source>
            <translation>交快递员时间</translation>
        </message>
        <message>
            <source>Parcels sent</source>
            <translation>代发快递</translation>
        </message>
        <message>
            <source>Hours on the way</source>
            <translation>在途小时</translation>
        </message>
        <message>
            <source>Accepted at</source>
            <translation>受理时间</translation>
        </message>
        <message>
            <source>Paid at</source>
            <translation>缴费时间</translation>
        </message>
        <message>
            <source>Failed at</source>
            <translation>失败时间</translation>
        </message>
        <message>
            <source>Refunded at</source>
            <translation>退款时间</translation>
        </message>
        <message>
            <source>Service fee</source>
            <translation>服务费</translation>
        </message>
        <message>
            <source>Day open</source>
            <translation>未日结</translation>
        </message>
        <message>
            <source>Day closed</source>
            <translation>已日结</translation>
        </message>
        <message>
            <source>Placed on</source>
            <translation>下单日期</translation>
        </message>
        <message>
            <source>Handed over on</source>
            <translation>交付日期</translation>
        </message>
        <message>
            <source>Sent on</source>
            <translation>发货日期</translation>
        </message>
        <message>
            <source>Starts at</source>
            <translation>开始时间</translation>
        </message>
        <message>
            <source>Fees for parcels sent</source>
            <translation>代发运费</translation>
        </message>
        <message>
            <source>Parcels handed to couriers</source>
            <translation>交快递员</translation>
        </message>
        <message>
            <source>Bank-card cash point</source>
            <translation>助农取款</translation>
        </message>
        <message>
            <source>Other services to villagers</source>
            <translation>便民服务</translation>
        </message>
        <message>
            <source>Parcels with a county dispatch time</source>
            <translation>有县级发出时间的快递</translation>
        </message>
        <message>
            <source>Arrived within 48 h</source>
            <translation>48小时内到站</translation>
        </message>
        <message>
            <source>Share within 48 h</source>
            <translation>48小时到站率</translation>
        </message>
        <message>
            <source>Arrived within 72 h</source>
            <translation>72小时内到站</translation>
        </message>
        <message>
            <source>Share within 72 h</source>
            <translation>72小时到站率</translation>
        </message>
        <message>
            <source>Median hours from the county to the station</source>
            <translation>县到站用时中位数</translation>
        </message>
        <message>
            <source>Median hours on the shelf</source>
            <translation>在架时长中位数</translation>
        </message>
        <message>
            <source>Farm-produce parcels sent out of the county</source>
            <translation>农产品出县快递</translation>
        </message>
        <message>
            <source>Subsidy per parcel</source>
            <translation>每单补贴</translation>
        </message>
        <message>
            <source>Subsidy claimed</source>
            <translation>申报补贴</translation>
        </message>
        <message>
            <source>Commission due from the county</source>
            <translation>应得县级佣金</translation>
        </message>
        <message>
            <source>Amount failed</source>
            <translation>失败金额</translation>
        </message>
        <message>
            <source>Cash refunded</source>
            <translation>退款金额</translation>
        </message>
        <message>
            <source>Consignment sales amount (net of returns)</source>
            <translation>代销金额（扣除退货）</translation>
        </message>
        <message>
            <source>Returns</source>
            <translation>退货</translation>
        </message>
        <message>
            <source>Amount returned</source>
            <translation>退货金额</translation>
        </message>
        <message>
            <source>Station commission</source>
            <translation>服务站佣金</translation>
        </message>
        <message>
            <source>Sales of goods from poverty-register households</source>
            <translation>贫困户商品销售笔数</translation>
        </message>
        <message>
            <source>Amount for poverty-register households</source>
            <translation>贫困户金额</translation>
        </message>
        <message>
            <source>Settlements paid to consignors</source>
            <translation>向寄卖人结算</translation>
        </message>
        <message>
            <source>Paid to consignors</source>
            <translation>结算付给寄卖人</translation>
        </message>
        <message>
            <source>Lots taken in</source>
            <translation>收货批次</translation>
        </message>
        <message>
            <source>Proxy orders placed</source>
            <translation>代购下单</translation>
        </message>
        <message>
            <source>Estimated amount of orders placed</source>
            <translation>下单预估金额</translation>
        </message>
        <message>
            <source>Proxy orders handed over</source>
            <translation>代购交付</translation>
        </message>
        <message>
            <source>Amount of orders handed over</source>
            <translation>交付金额</translation>
        </message>
        <message>
            <source>Service fees</source>
            <translation>服务费</translation>
        </message>
        <message>
            <source>Orders for poverty-register households</source>
            <translation>贫困户代购单数</translation>
        </message>
        <message>
            <source>Orders cancelled</source>
            <translation>取消的代购单</translation>
        </message>
        <message>
            <source>County online-shop orders sent</source>
            <translation>县网店订单发货</translation>
        </message>
        <message>
            <source>County online-shop amount</source>
            <translation>县网店订单金额</translation>
        </message>
        <message>
            <source>Farm inputs sold (seed, fertiliser, pesticide, fuel)</source>
            <translation>农资售出（种子、化肥、农药、油料）</translation>
        </message>
        <message>
            <source>Farm inputs amount</source>
            <translation>农资金额</translation>
        </message>
        <message>
            <source>Training sessions</source>
            <translation>培训场次</translation>
        </message>
        <message>
            <source>Person-times trained</source>
            <translation>培训人次</translation>
        </message>
        <message>
            <source>People trained</source>
            <translation>培训人数</translation>
        </message>
        <message>
            <source>Poverty-register people trained</source>
            <translation>培训贫困户人数</translation>
        </message>
        <message>
            <source>Satisfaction surveys</source>
            <translation>满意度调查份数</translation>
        </message>
        <message>
            <source>Satisfied (4-5 of 5)</source>
            <translation>满意率（4-5分）</translation>
        </message>
        <message>
            <source>Satisfaction target</source>
            <translation>满意率目标</translation>
        </message>
        <message>
            <source>Person-times this year</source>
            <translation>本年培训人次</translation>
        </message>
        <message>
            <source>Person-times target this year</source>
            <translation>本年人次目标</translation>
        </message>
        <message>
            <source>Trainees who opened an online shop</source>
            <translation>学员开网店</translation>
        </message>
        <message>
            <source>Trainees employed</source>
            <translation>学员就业</translation>
        </message>
        <message>
            <source>Cash paid out for bank cards</source>
            <translation>助农取款金额</translation>
        </message>
        <message>
            <source>Bank cards served</source>
            <translation>服务银行卡数</translation>
        </message>
        <message>
            <source>Withdrawals by poverty-register households</source>
            <translation>建档立卡贫困户取款笔数</translation>
        </message>
        <message>
            <source>Days with withdrawals</source>
            <translation>有取款的天数</translation>
        </message>
        <message>
            <source>Days the bank settled</source>
            <translation>银行已结算天数</translation>
        </message>
        <message>
            <source>Days the bank's settlement differs</source>
            <translation>银行结算不符的天数</translation>
        </message>
        <message>
            <source>Bank settlement minus cash paid out</source>
            <translation>银行结算减本站付出</translation>
        </message>
        <message>
            <source>People served (person-times)</source>
            <translation>便民服务人次</translation>
        </message>
        <message>
            <source>Services recorded</source>
            <translation>服务记录数</translation>
        </message>
        <message>
            <source>Service fees taken</source>
            <translation>便民服务收费</translation>
        </message>
        <message>
            <source>Poverty-register people served</source>
            <translation>服务建档立卡贫困户人次</translation>
        </message>
        <message>
            <source>Notices received from the county</source>
            <translation>收到县里通知</translation>
        </message>
        <message>
            <source>Notices posted on the notice wall</source>
            <translation>已张贴到公告栏的通知</translation>
        </message>
        <message>
            <source>Households served</source>
            <translation>服务户数</translation>
        </message>
        <message>
            <source>Services to these households</source>
            <translation>服务次数</translation>
        </message>
        <message>
            <source>Register households reached</source>
            <translation>服务到的建档立卡户</translation>
        </message>
        <message>
            <source>Register households here</source>
            <translation>本站建档立卡户</translation>
        </message>
        <message>
            <source>Model households reached</source>
            <translation>服务到的示范户</translation>
        </message>
        <message>
            <source>Cash days</source>
            <translation>营业日</translation>
        </message>
        <message>
            <source>Cash days closed with a count</source>
            <translation>已点钞日结的营业日</translation>
        </message>
        <message>
            <source>Cash taken in</source>
            <translation>现金收入</translation>
        </message>
        <message>
            <source>Cash paid out</source>
            <translation>现金支出</translation>
        </message>
        <message>
            <source>Station income</source>
            <translation>服务站收益</translation>
        </message>
        <message>
            <source>Over (+) / short (-)</source>
            <translation>长款（+）/短款（-）</translation>
        </message>
        <message>
            <source>Parcels received</source>
            <extracomment>what poverty-register households were served with (the keys of `poverty.by_service`)</extracomment>
            <translation>收快递</translation>
        </message>
        <message>
            <source>Goods sold on consignment</source>
            <translation>代销商品</translation>
        </message>
        <message>
            <source>Other services</source>
            <translation>便民服务</translation>
        </message>
        <message>
            <source>On the shelf now</source>
            <translation>现在在架</translation>
        </message>
        <message>
            <source>Overdue now</source>
            <translation>现在滞留</translation>
        </message>
        <message>
            <source>Farm produce out of the county</source>
            <translation>农产品出县</translation>
        </message>
        <message>
            <source>Bills waiting for the county now</source>
            <translation>等待县里缴费</translation>
        </message>
        <message>
            <source>Refunds due now</source>
            <translation>待退款</translation>
        </message>
        <message>
            <source>Waybill</source>
            <translation>运单号</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>快递公司</translation>
        </message>
        <message>
            <source>Recipient</source>
            <translation>收件人</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <source>Arrived at</source>
            <translation>到站时间</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>手机号</translation>
        </message>
        <message>
            <source>Shelf</source>
            <translation>货架</translation>
        </message>
        <message>
            <source>Overdue from</source>
            <translation>滞留起始</translation>
        </message>
        <message>
            <source>Left the shelf</source>
            <translation>离架时间</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Problem</source>
            <translation>问题</translation>
        </message>
        <message>
            <source>Receipt</source>
            <translation>小票</translation>
        </message>
        <message>
            <source>E-waybill</source>
            <translation>电子面单号</translation>
        </message>
        <message>
            <source>Sender</source>
            <translation>寄件人</translation>
        </message>
        <message>
            <source>Contents</source>
            <translation>物品</translation>
        </message>
        <message>
            <source>Farm produce</source>
            <translation>农产品</translation>
        </message>
        <message>
            <source>Out of the county</source>
            <translation>出县</translation>
        </message>
        <message>
            <source>Fee</source>
            <translation>运费</translation>
        </message>
        <message>
            <source>Dispatched by the county</source>
            <translation>县级发出时间</translation>
        </message>
        <message>
            <source>Within 48 h</source>
            <translation>48小时内</translation>
        </message>
        <message>
            <source>Within 72 h</source>
            <translation>72小时内</translation>
        </message>
        <message>
            <source>No.</source>
            <translation>序号</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>日期</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>产品</translation>
        </message>
        <message>
            <source>Destination outside the county</source>
            <translation>县外目的地</translation>
        </message>
        <message>
            <source>Subsidy</source>
            <translation>补贴</translation>
        </message>
        <message>
            <source>Account</source>
            <translation>户号/号码</translation>
        </message>
        <message>
            <source>Payer</source>
            <translation>付款人</translation>
        </message>
        <message>
            <source>Refunded amount</source>
            <translation>退款金额</translation>
        </message>
        <message>
            <source>Sale</source>
            <translation>销售</translation>
        </message>
        <message>
            <source>Return</source>
            <translation>退货</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Goods</source>
            <translation>商品</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>Consignor</source>
            <translation>寄卖人</translation>
        </message>
        <message>
            <source>Quantity</source>
            <translation>数量</translation>
        </message>
        <message>
            <source>Poverty-register household</source>
            <translation>建档立卡贫困户</translation>
        </message>
        <message>
            <source>Order</source>
            <translation>订单号</translation>
        </message>
        <message>
            <source>Villager</source>
            <translation>村民</translation>
        </message>
        <message>
            <source>Estimate</source>
            <translation>预估金额</translation>
        </message>
        <message>
            <source>Cost</source>
            <translation>实际价格</translation>
        </message>
        <message>
            <source>Farm inputs sold</source>
            <translation>农资售出</translation>
        </message>
        <message>
            <source>Producer</source>
            <translation>生产企业</translation>
        </message>
        <message>
            <source>Batch</source>
            <translation>批号</translation>
        </message>
        <message>
            <source>Cash withdrawals</source>
            <translation>助农取款笔数</translation>
        </message>
        <message>
            <source>Voucher</source>
            <translation>凭条号</translation>
        </message>
        <message>
            <source>Trace no.</source>
            <translation>流水号</translation>
        </message>
        <message>
            <source>Terminal time</source>
            <translation>终端时间</translation>
        </message>
        <message>
            <source>Card</source>
            <translation>卡号</translation>
        </message>
        <message>
            <source>Bank</source>
            <translation>发卡行</translation>
        </message>
        <message>
            <source>Cash point days against the bank</source>
            <translation>助农取款每日对账</translation>
        </message>
        <message>
            <source>Withdrawals</source>
            <translation>取款笔数</translation>
        </message>
        <message>
            <source>Paid out</source>
            <translation>已付出</translation>
        </message>
        <message>
            <source>Bank settled</source>
            <translation>银行结算</translation>
        </message>
        <message>
            <source>Bank count</source>
            <translation>银行笔数</translation>
        </message>
        <message>
            <source>Settled</source>
            <translation>已结算</translation>
        </message>
        <message>
            <source>Difference</source>
            <translation>差额</translation>
        </message>
        <message>
            <source>Differs</source>
            <translation>不符</translation>
        </message>
        <message>
            <source>Service ledger</source>
            <translation>便民服务台账</translation>
        </message>
        <message>
            <source>Record</source>
            <translation>记录号</translation>
        </message>
        <message>
            <source>People served</source>
            <translation>服务人次</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>County notices</source>
            <translation>县里的通知</translation>
        </message>
        <message>
            <source>Notice</source>
            <translation>通知</translation>
        </message>
        <message>
            <source>From</source>
            <translation>发布单位</translation>
        </message>
        <message>
            <source>Received at</source>
            <translation>收到时间</translation>
        </message>
        <message>
            <source>Show until</source>
            <translation>显示到</translation>
        </message>
        <message>
            <source>Posted at</source>
            <translation>张贴时间</translation>
        </message>
        <message>
            <source>Received this month</source>
            <translation>本月收到</translation>
        </message>
        <message>
            <source>Posted this month</source>
            <translation>本月张贴</translation>
        </message>
        <message>
            <source>Settlement</source>
            <translation>结算</translation>
        </message>
        <message>
            <source>Sales period</source>
            <translation>销售期间</translation>
        </message>
        <message>
            <source>Paid on</source>
            <translation>付款日期</translation>
        </message>
        <message>
            <source>Paid by</source>
            <translation>付款方式</translation>
        </message>
        <message>
            <source>Reference</source>
            <translation>凭证号</translation>
        </message>
        <message>
            <source>Sales</source>
            <translation>销售额</translation>
        </message>
        <message>
            <source>Paid to the consignor</source>
            <translation>付给寄卖人</translation>
        </message>
        <message>
            <source>Lot</source>
            <translation>批次</translation>
        </message>
        <message>
            <source>Price</source>
            <translation>单价</translation>
        </message>
        <message>
            <source>Shop</source>
            <translation>网店</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <source>Training sign-ins</source>
            <translation>培训签到</translation>
        </message>
        <message>
            <source>Session</source>
            <translation>培训</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Village</source>
            <translation>村</translation>
        </message>
        <message>
            <source>Satisfaction</source>
            <translation>满意度</translation>
        </message>
        <message>
            <source>Signed in at</source>
            <translation>签到时间</translation>
        </message>
        <message>
            <source>Household no.</source>
            <translation>户号</translation>
        </message>
        <message>
            <source>People</source>
            <translation>人员</translation>
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
        <name>roster</name>
        <message>
            <source>No.</source>
            <translation>序号</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
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
            <source>Phone</source>
            <translation>手机号</translation>
        </message>
        <message>
            <source>Village</source>
            <translation>村</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>Sign-in time</source>
            <translation>签到时间</translation>
        </message>
        <message>
            <source>Signature</source>
            <translation>签名</translation>
        </message>
        <message>
            <source>Satisfaction</source>
            <translation>满意度</translation>
        </message>
        <message>
            <source>Sign-out time</source>
            <extracomment>the xlsx has one more column after these: when the trainee signed out</extracomment>
            <translation>签退时间</translation>
        </message>
        <message>
            <source>Station</source>
            <translation>服务站</translation>
        </message>
        <message>
            <source>Trainees</source>
            <translation>培训对象</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Place</source>
            <translation>地点</translation>
        </message>
        <message>
            <source>Trainer</source>
            <translation>培训机构</translation>
        </message>
        <message>
            <source>Lecturers</source>
            <translation>授课讲师</translation>
        </message>
        <message>
            <source>Training sign-in roster</source>
            <translation>培训签到名册</translation>
        </message>
        <message>
            <source>Roster</source>
            <translation>签到名册</translation>
        </message>
        <message>
            <source>Session details</source>
            <translation>培训信息</translation>
        </message>
        <message>
            <source>Session title</source>
            <translation>培训名称</translation>
        </message>
        <message>
            <source>Trainer licence</source>
            <translation>培训资质证号</translation>
        </message>
        <message>
            <source>Lecturer</source>
            <translation>讲师</translation>
        </message>
        <message>
            <source>Syllabus</source>
            <translation>课程大纲</translation>
        </message>
        <message>
            <source>Materials</source>
            <translation>培训资料</translation>
        </message>
        <message>
            <source>Capacity</source>
            <translation>名额</translation>
        </message>
        <message>
            <source>Signed in</source>
            <translation>已签到</translation>
        </message>
        <message>
            <source>Photo</source>
            <translation>照片</translation>
        </message>
        <message>
            <source>Page {page} of {pages}</source>
            <translation>第 {page} 页 共 {pages} 页</translation>
        </message>
    </context>
    <context>
        <name>scanner</name>
        <message>
            <source>The scan was too long and was ignored</source>
            <extracomment>why a burst was rejected (English source strings; translate in context "scanner")</extracomment>
            <translation>扫到的内容太长，已忽略</translation>
        </message>
        <message>
            <source>The scan held only control characters and was ignored</source>
            <translation>扫到的内容只有控制字符，已忽略</translation>
        </message>
    </context>
    <context>
        <name>scans</name>
        <message>
            <source>Villager card</source>
            <extracomment>Scan kinds: the classifier's kinds, with the station's own labels told apart by what they carry. a code the classifier does not know (another system's code, a bill account of unusual length)</extracomment>
            <translation>村民卡</translation>
        </message>
        <message>
            <source>Traceability label</source>
            <translation>溯源标签</translation>
        </message>
        <message>
            <source>Training session code</source>
            <translation>培训场次码</translation>
        </message>
        <message>
            <source>Order slip</source>
            <translation>订单单据</translation>
        </message>
        <message>
            <source>Unknown code</source>
            <translation>不认识的码</translation>
        </message>
    </context>
    <context>
        <name>serial</name>
        <message>
            <source>Opening the serial port…</source>
            <extracomment>opening the port open, waiting for scans the port could not be opened (absent, in use, no permission) the port went away while open; it will be reopened stop() was called, or it was lost and reconnect is off</extracomment>
            <translation>正在打开串口…</translation>
        </message>
        <message>
            <source>Serial scanner ready</source>
            <translation>串口扫码器已就绪</translation>
        </message>
        <message>
            <source>The serial port cannot be opened (not there, or in use)</source>
            <translation>串口无法打开（不存在或正被占用）</translation>
        </message>
        <message>
            <source>The serial scanner was disconnected; trying again…</source>
            <translation>串口扫码器已断开，正在重试…</translation>
        </message>
        <message>
            <source>Serial scanner off</source>
            <translation>串口扫码器已关闭</translation>
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
        <message>
            <source>Bank-card cash point</source>
            <translation>助农取款</translation>
        </message>
        <message>
            <source>Other services</source>
            <translation>便民服务</translation>
        </message>
        <message>
            <source>Cash</source>
            <translation>现金</translation>
        </message>
        <message>
            <source>QR payment</source>
            <translation>扫码支付</translation>
        </message>
    </context>
    <context>
        <name>settings</name>
        <message>
            <source>Opening hours</source>
            <extracomment>how a number is shown and typed: FEN is stored in fen and shown in yuan (¥2.00), YES_NO is a tick box stored as 1/0 a machine setting each operator chooses for themself (large text)</extracomment>
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
            <source>Delivery target from the county to the village (hours)</source>
            <translation>县到村投递时限（小时）</translation>
        </message>
        <message>
            <source>Training person-times target per year</source>
            <translation>每年培训人次目标</translation>
        </message>
        <message>
            <source>Training satisfaction target (%)</source>
            <translation>培训满意度目标（%）</translation>
        </message>
        <message>
            <source>Warn when the same bill account is paid again within minutes</source>
            <translation>同一户号在多少分钟内重复缴费时提醒</translation>
        </message>
        <message>
            <source>Bill payments waiting longer than hours are shown as overdue</source>
            <translation>缴费等待超过多少小时显示为超时</translation>
        </message>
        <message>
            <source>Consignment commission for new consignors (%)</source>
            <translation>新寄卖人的代卖佣金（%）</translation>
        </message>
        <message>
            <source>Largest discount on a consignment sale (%)</source>
            <translation>代卖商品最大优惠幅度（%）</translation>
        </message>
        <message>
            <source>Text villagers when a parcel arrives</source>
            <translation>快递到站后发短信通知村民</translation>
        </message>
        <message>
            <source>Take a webcam photo at check-in and hand-over</source>
            <translation>入库和出库时用摄像头拍照</translation>
        </message>
        <message>
            <source>Keep counter photos of parcels for days</source>
            <translation>包裹柜台照片保存天数</translation>
        </message>
        <message>
            <source>Farm-produce outbound subsidy per parcel</source>
            <translation>农产品外寄每件补贴</translation>
        </message>
        <message>
            <source>Farm-produce outbound subsidy cap per sending entity and year (yuan)</source>
            <translation>每个寄件主体每年农产品出县快递补贴上限（元）</translation>
        </message>
        <message>
            <source>The county's administrative-division code (6 digits)</source>
            <translation>本县行政区划代码（6 位）</translation>
        </message>
        <message>
            <source>Produce categories the county subsidises</source>
            <translation>县里补贴的农产品品类</translation>
        </message>
        <message>
            <source>Documents every training archive must hold</source>
            <translation>每场培训档案必须有的材料</translation>
        </message>
        <message>
            <source>The county hub's SMS and biller gateways</source>
            <translation>县中心的短信和缴费通道</translation>
        </message>
        <message>
            <source>SMS signature the county registered</source>
            <translation>县里登记的短信签名</translation>
        </message>
        <message>
            <source>The station's own SMS modem sends notices after hours without the county hub</source>
            <translation>联系不上县中心多少小时后由本站短信猫发送通知</translation>
        </message>
        <message>
            <source>Largest cash float</source>
            <translation>钱箱备用金上限</translation>
        </message>
        <message>
            <source>Monthly report due to the county by this day of the month</source>
            <translation>每月几号前向县里交月报</translation>
        </message>
        <message>
            <source>Proxy purchase service fee per order</source>
            <translation>代买每单服务费</translation>
        </message>
        <message>
            <source>Speak the pickup code, amount due and change aloud</source>
            <translation>语音播报取件码、应付金额和找零</translation>
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
            <source>Large text for me (easier to read)</source>
            <translation>我用大字（看得更清楚）</translation>
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
            <source>Printer model</source>
            <translation>打印机型号</translation>
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
            <translation>县中心地址</translation>
        </message>
        <message>
            <source>Nightly sync time</source>
            <translation>夜间同步时间</translation>
        </message>
        <message>
            <source>Send SMS notices through this PC's modem when the county hub is out of reach</source>
            <translation>联系不上县中心时用本机短信猫发送取件通知</translation>
        </message>
        <message>
            <source>SMS modem port (e.g. COM5)</source>
            <translation>短信猫端口（如 COM5）</translation>
        </message>
    </context>
    <context>
        <name>sms</name>
        <message>
            <source>[{station}] Your {carrier} parcel has arrived. Pickup code {code}. Open {hours}{tel}</source>
            <translation>【{station}】您的{carrier}包裹已到站，取件码{code}，营业时间{hours}{tel}</translation>
        </message>
        <message>
            <source>[{station}] Your parcel has waited {days} days. Please collect it soon with pickup code {code}. Open {hours}{tel}</source>
            <translation>【{station}】您的包裹已到站{days}天，请凭取件码{code}尽快领取，营业时间{hours}{tel}</translation>
        </message>
        <message>
            <source>[{station}] Your parcel has a new pickup code {code}. Open {hours}{tel}</source>
            <translation>【{station}】您的包裹取件码已改为{code}，营业时间{hours}{tel}</translation>
        </message>
        <message>
            <source>, tel {phone}</source>
            <translation>，电话{phone}</translation>
        </message>
    </context>
    <context>
        <name>subsidy</name>
        <message>
            <source>no destination code</source>
            <translation>没有目的地代码</translation>
        </message>
        <message>
            <source>destination inside the county</source>
            <translation>目的地在本县内</translation>
        </message>
        <message>
            <source>produce category not subsidised</source>
            <translation>该品类不在补贴范围</translation>
        </message>
        <message>
            <source>no e-waybill photo</source>
            <translation>没有电子面单照片</translation>
        </message>
        <message>
            <source>the county's own code is not set</source>
            <translation>县里还没有设置本县行政区划代码</translation>
        </message>
        <message>
            <source>the entity's yearly cap is reached</source>
            <translation>该主体本年度补贴已达上限</translation>
        </message>
        <message>
            <source>the county's cap is reached</source>
            <translation>全县补贴已达上限</translation>
        </message>
    </context>
    <context>
        <name>sync</name>
        <message>
            <source>Waiting to upload</source>
            <translation>待上传</translation>
        </message>
        <message>
            <source>Uploading</source>
            <translation>上传中</translation>
        </message>
        <message>
            <source>Synced</source>
            <translation>已同步</translation>
        </message>
        <message>
            <source>Warning</source>
            <translation>有警告</translation>
        </message>
        <message>
            <source>over the network</source>
            <translation>联网</translation>
        </message>
        <message>
            <source>by USB stick</source>
            <translation>U盘</translation>
        </message>
        <message>
            <source>The PC clock is {days} days slow: the right time is {time}. Please correct the Windows date and time.</source>
            <translation>电脑时钟慢了 {days} 天：正确时间是 {time}。请校正 Windows 的日期和时间。</translation>
        </message>
        <message>
            <source>The PC clock is {days} days fast: the right time is {time}. Please correct the Windows date and time.</source>
            <translation>电脑时钟快了 {days} 天：正确时间是 {time}。请校正 Windows 的日期和时间。</translation>
        </message>
        <message>
            <source>The PC clock is {minutes} minutes slow: the right time is {time}. Please correct the Windows date and time.</source>
            <translation>电脑时钟慢了 {minutes} 分钟：正确时间是 {time}。请校正 Windows 的日期和时间。</translation>
        </message>
        <message>
            <source>The PC clock is {minutes} minutes fast: the right time is {time}. Please correct the Windows date and time.</source>
            <translation>电脑时钟快了 {minutes} 分钟：正确时间是 {time}。请校正 Windows 的日期和时间。</translation>
        </message>
        <message>
            <source>{count} records (from record {seq}) were stamped by a PC clock set ahead, up to {time}; later records do not follow them</source>
            <translation>有 {count} 条记录（从第 {seq} 条起）被调快了的电脑时钟打上了将来的时间（最晚到 {time}）；之后的记录不再跟着它走</translation>
        </message>
        <message>
            <source>Bundle for the county: {records} records, {files} files, {size} ({free} free on the stick)</source>
            <translation>给县里的同步包：{records} 条记录，{files} 个文件，共 {size}（U盘剩余 {free}）</translation>
        </message>
        <message>
            <source>The stick cannot take everything: the oldest {records} of {waiting} records and {files} of {files_waiting} files go now, the rest next time</source>
            <translation>U盘放不下全部内容：这次先带最早的 {records} 条记录（共 {waiting} 条）和 {files} 个文件（共 {files_waiting} 个），其余下次再带</translation>
        </message>
        <message>
            <source>Written: {file}</source>
            <translation>已写入：{file}</translation>
        </message>
        <message>
            <source>Imported {n} return bundles from the county: {changes} county changes; the county holds {acked} records of this station</source>
            <translation>已导入县里的 {n} 个回程包：收到县里 {changes} 条更新；县里已有本站 {acked} 条记录</translation>
        </message>
        <message>
            <source>No return bundle for this station on {folder} ({others} for other stations)</source>
            <translation>{folder} 上没有给本站的回程包（有 {others} 个是给别的服务站的）</translation>
        </message>
        <message>
            <source>{n} evidence files the county lacks are not on this PC: {files}</source>
            <translation>县里缺少的 {n} 个凭证文件不在这台电脑上：{files}</translation>
        </message>
        <message>
            <source>{n} of them were imported before (or are older than one imported): they changed nothing</source>
            <translation>其中 {n} 个以前导入过（或比已导入的更旧）：什么也没有改动</translation>
        </message>
    </context>
    <context>
        <name>training</name>
        <message>
            <source>Cadre</source>
            <extracomment>who a session is for; a sign-in keeps the trainee's own category (a poverty-register household is counted as one whatever the session's audience)</extracomment>
            <translation>干部</translation>
        </message>
        <message>
            <source>Farmer</source>
            <translation>农民</translation>
        </message>
        <message>
            <source>Poverty-register household</source>
            <translation>建档立卡贫困户</translation>
        </message>
        <message>
            <source>Entrepreneur</source>
            <translation>创业者</translation>
        </message>
        <message>
            <source>E-commerce practitioner</source>
            <translation>从业人员</translation>
        </message>
        <message>
            <source>Business owner</source>
            <translation>企业主</translation>
        </message>
        <message>
            <source>Returning graduate</source>
            <translation>返乡大学生</translation>
        </message>
        <message>
            <source>Returning migrant worker</source>
            <translation>返乡农民工</translation>
        </message>
        <message>
            <source>Service station keeper</source>
            <translation>服务站站长</translation>
        </message>
        <message>
            <source>Self-employed trader</source>
            <translation>个体经营户</translation>
        </message>
        <message>
            <source>Village cadre</source>
            <translation>村干部</translation>
        </message>
        <message>
            <source>Planned</source>
            <translation>未开始</translation>
        </message>
        <message>
            <source>Signing in</source>
            <translation>签到中</translation>
        </message>
        <message>
            <source>Ended</source>
            <translation>已结束</translation>
        </message>
        <message>
            <source>Course content</source>
            <translation>课程内容</translation>
        </message>
        <message>
            <source>Lecturers</source>
            <translation>授课讲师</translation>
        </message>
        <message>
            <source>Useful for my work</source>
            <translation>对工作有帮助</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation>组织安排</translation>
        </message>
        <message>
            <source>Opened an online shop</source>
            <translation>开设网店</translation>
        </message>
        <message>
            <source>Employed</source>
            <translation>实现就业</translation>
        </message>
        <message>
            <source>Started a business</source>
            <translation>自主创业</translation>
        </message>
        <message>
            <source>No change yet</source>
            <translation>暂无变化</translation>
        </message>
        <message>
            <source>Commissioning agreement or task document</source>
            <extracomment>every kind of archive document, in the order the 石城 rule lists them</extracomment>
            <translation>委托协议或任务书</translation>
        </message>
        <message>
            <source>Training organisation's licence and qualifications</source>
            <translation>培训机构营业执照及资质</translation>
        </message>
        <message>
            <source>Lecturer's profile and credentials</source>
            <translation>讲师简介及资质证明</translation>
        </message>
        <message>
            <source>Training plan</source>
            <translation>培训计划</translation>
        </message>
        <message>
            <source>Syllabus</source>
            <translation>教学大纲</translation>
        </message>
        <message>
            <source>Training materials</source>
            <translation>培训教材</translation>
        </message>
        <message>
            <source>Signed roster</source>
            <translation>签到表（学员签字）</translation>
        </message>
        <message>
            <source>On-site photos</source>
            <translation>现场照片</translation>
        </message>
        <message>
            <source>sign-ins</source>
            <translation>签到记录</translation>
        </message>
        <message>
            <source>satisfaction surveys</source>
            <translation>满意度调查</translation>
        </message>
        <message>
            <source>session ended</source>
            <translation>培训结束</translation>
        </message>
    </context>
</TS>