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
        // The window's own size, not its content item's: that one stays 0x0 until the platform
        // window is shown and resized, and a frame (or a screenshot) taken before would lay out
        // every text at the 0.4 minimum scale, piled in the top-left corner.
        width: window.width
        height: window.height
        focus: true
        model: window.model
    }
}
