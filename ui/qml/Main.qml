import QtQuick
import Els.Kiosk
import QtQuick.Window

Window {
    id: window

    required property ScreenModel model
    // Set by the app once its speech output exists; no controls without one (previews, bench).
    property ScreenSpeaker speech: null

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
        height: window.height - (speechBar.visible ? speechBar.height : 0)
        focus: true
        model: window.model
    }

    Loader {
        id: speechBar
        active: window.speech !== null
        visible: active
        width: window.width
        anchors.bottom: parent.bottom
        sourceComponent: SpeechBar { speech: window.speech }
    }
}
