import QtQuick
import Els.Kiosk
import QtQuick.Window

Window {
    id: window

    required property ScreenModel model
    // Set by the app once its speech output exists; no speech controls without one (previews).
    property ScreenSpeaker speech: null
    // The student's "large text" choice; els-kiosk turns it off when a session ends, like the
    // language.
    property bool largeText: false
    // The help screen is over the current screen; a new screen (the session moved on, or ended)
    // closes it, so that it never hides what the kiosk asks now.
    property bool helpOpen: false
    // From kiosk.conf, set by els-kiosk (see Site.qml).
    property string readerPosition: "below"
    property string helpTextPl
    property string helpTextEn
    property string contactPl
    property string contactEn

    width: 1080
    height: 1920
    visible: true
    color: "white"
    title: qsTr("Kiosk mLegitymacji")

    Binding { target: Theme; property: "textScale"; value: window.largeText ? Theme.largeTextScale : 1 }
    Binding { target: Site; property: "readerPosition"; value: window.readerPosition }
    Binding { target: Site; property: "helpTextPl"; value: window.helpTextPl }
    Binding { target: Site; property: "helpTextEn"; value: window.helpTextEn }
    Binding { target: Site; property: "contactPl"; value: window.contactPl }
    Binding { target: Site; property: "contactEn"; value: window.contactEn }

    Connections {
        target: window.model
        function onScreenChanged() { window.helpOpen = false }
    }

    // The student opened or closed the help: speech reads what is shown now (the help, or the
    // screen again). A new screen closing it is read by the speaker on its own.
    function showHelp(open) {
        helpOpen = open
        if (speech)
            Qt.callLater(speech.repeat)
    }
    onLargeTextChanged: if (speech) speech.announceLargeText(largeText)

    FocusScope {
        id: content

        // The window's own size, not its content item's: that one stays 0x0 until the platform
        // window is shown and resized, and a frame (or a screenshot) taken before would lay out
        // every text at the 0.4 minimum scale, piled in the top-left corner.
        width: window.width
        height: window.height
        focus: true

        // A kiosk keypad has arrows and Enter: the arrows move the focus through every control
        // (the screen's, then the access bar's) in reading order as Tab does, with the focus
        // ring; Enter presses the focused one.
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
            id: view
            anchors.top: parent.top
            width: parent.width
            height: parent.height - bar.height
            focus: !window.helpOpen
            // Hidden under the help: neither drawn, read aloud nor reached with the keypad.
            visible: !window.helpOpen
            model: window.model
        }

        HelpScreen {
            x: view.x
            y: view.y
            width: view.width
            height: view.height
            visible: window.helpOpen
            focus: window.helpOpen
            model: window.model
            portrait: view.portrait
            onCloseRequested: window.showHelp(false)
        }

        AccessBar {
            id: bar
            anchors.bottom: parent.bottom
            width: parent.width
            model: window.model
            speech: window.speech
            portrait: view.portrait
            unit: Math.max(0.4, Math.min(parent.width, parent.height) / 1080)
            largeText: window.largeText
            helpOpen: window.helpOpen
            onLargeTextToggled: window.largeText = !window.largeText
            onHelpToggled: window.showHelp(!window.helpOpen)
        }
    }
}
