import QtQuick
import Els.Kiosk
import QtQuick.Window

Window {
    id: window

    required property ScreenModel model

    width: 1080
    height: 1920
    visible: true
    color: "white"
    title: qsTr("Kiosk mLegitymacji")

    KioskView {
        anchors.fill: parent
        focus: true
        model: window.model
    }
}
