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

    FocusScope {
        id: content

        // The window's own size, not its content item's: that one stays 0x0 until the platform
        // window is shown and resized, and a frame (or a screenshot) taken before would lay out
        // every text at the 0.4 minimum scale, piled in the top-left corner.
        width: window.width
        height: window.height
        focus: true

        // A kiosk keypad has arrows and Enter: the arrows move the focus through every control
        // (the screen's, the language switch, speech) in reading order as Tab does, with the
        // focus ring; Enter presses the focused one.
        function moveFocus(forward) {
            const from = window.activeFocusItem
            const next = from ? from.nextItemInFocusChain(forward) : null
            if (next)
                next.forceActiveFocus(forward ? Qt.TabFocusReason : Qt.BacktabFocusReason)
        }
        Keys.onDownPressed: moveFocus(true)
        Keys.onRightPressed: moveFocus(true)
        Keys.onUpPressed: moveFocus(false)
        Keys.onLeftPressed: moveFocus(false)

        KioskView {
            anchors.top: parent.top
            width: parent.width
            height: parent.height - (speechBar.visible ? speechBar.height : 0)
            focus: true
            model: window.model
        }

        Loader {
            id: speechBar
            active: window.speech !== null
            visible: active
            width: parent.width
            anchors.bottom: parent.bottom
            sourceComponent: SpeechBar { speech: window.speech }
        }
    }
}
