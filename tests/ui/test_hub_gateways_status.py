"""The station's status bar says which gateways its county hub runs: a demo hub in red, so no
operator takes a simulated payment or SMS for a real one."""

from station_app.ui.status_bar import HUB_DEMO, HUB_REAL, StationStatusBar, _tr


def test_the_status_bar_shows_a_demo_hub_in_red_and_a_real_one_plainly(qtbot):
    bar = StationStatusBar()
    qtbot.addWidget(bar)
    bar.show()
    bar.show_gateways("")  # the hub has not said yet
    assert bar.gateways.isHidden()
    bar.show_gateways("demo")
    assert bar.gateways.isVisible() and bar.gateways.text() == _tr(HUB_DEMO)
    assert bar.gateways.objectName() == "error"
    bar.show_gateways("real:aliyun+aggregator")
    assert bar.gateways.text() == _tr(HUB_REAL) and bar.gateways.objectName() == ""
    assert bar.gateways.toolTip() == "real:aliyun+aggregator"
