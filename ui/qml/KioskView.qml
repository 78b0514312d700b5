import QtQuick
import Els.Kiosk

// Header plus the one screen the model asks for. Only the current screen exists, so leaving a
// screen destroys everything it showed (names, QR image, codes).
FocusScope {
    id: view

    required property ScreenModel model
    readonly property bool portrait: height >= width
    readonly property Item currentScreen: loader.item

    Binding {
        target: Theme
        property: "scale"
        value: Math.max(0.4, Math.min(view.width, view.height) / 1080)
    }

    Rectangle {
        anchors.fill: parent
        color: Theme.background
    }

    KioskHeader {
        id: header
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        model: view.model
    }

    Loader {
        id: loader
        focus: true
        anchors.top: header.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: view.portrait ? timeoutBar.top : parent.bottom
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        anchors.topMargin: view.portrait ? Theme.margin : Theme.px(48)
        anchors.bottomMargin: view.portrait ? Theme.margin : Theme.px(48)
        sourceComponent: {
            switch (view.model.screen) {
            case ScreenModel.Screen.Reading: return reading
            case ScreenModel.Screen.Problem: return problem
            case ScreenModel.Screen.ConfirmOrder: return confirmOrder
            case ScreenModel.Screen.OrderInProgress: return orderInProgress
            case ScreenModel.Screen.Ready: return ready
            case ScreenModel.Screen.ExistingOrder: return existingOrder
            case ScreenModel.Screen.ConfirmCancel: return confirmCancel
            case ScreenModel.Screen.ConfirmRevoke: return confirmRevoke
            case ScreenModel.Screen.ReaderMissing: return readerMissing
            case ScreenModel.Screen.ServiceUnavailable: return serviceUnavailable
            case ScreenModel.Screen.Goodbye: return goodbye
            case ScreenModel.Screen.OutOfService: return outOfService
            case ScreenModel.Screen.OrderSent: return orderSent
            case ScreenModel.Screen.TakeCard: return takeCard
            default: return idle
            }
        }
        // A Loader is a focus scope: its item must take the focus too, so that the screen's main
        // action (the button with focus: true) gets the keyboard and Return/Enter works at once.
        onLoaded: item.focus = true
    }

    // The warning before the screen ends on its own, with "more time": below the screen in
    // portrait; in landscape over the header's empty right half, because the short screen has no
    // height to spare for it (it covered Ready's activation code and buttons).
    TimeoutBar {
        id: timeoutBar
        model: view.model
        anchors.left: view.portrait ? parent.left : parent.horizontalCenter
        anchors.right: parent.right
        anchors.leftMargin: view.portrait ? Theme.margin : 0
        anchors.rightMargin: Theme.margin
        // A position, not top/bottom anchors swapped with the orientation: anchoring both for a
        // moment would fix the height, and the bar must keep its implicit one (0 when hidden).
        y: view.portrait ? view.height - height - (visible ? Theme.px(24) : 0) : Theme.px(8)
        // A keypad (or a blind student told by the speech) reaches "more time" with Return at
        // once; when the warning goes, the screen's main action has the focus again.
        onVisibleChanged: {
            if (visible && moreTimeButton.visible)
                moreTimeButton.forceActiveFocus()
            else if (!visible && moreTimeButton.focus)
                loader.forceActiveFocus()
        }
    }

    Component { id: idle; IdleScreen { model: view.model; portrait: view.portrait } }
    Component { id: reading; ReadingScreen { model: view.model; portrait: view.portrait } }
    Component { id: problem; ProblemScreen { model: view.model; portrait: view.portrait } }
    Component { id: confirmOrder; ConfirmOrderScreen { model: view.model; portrait: view.portrait } }
    Component { id: orderInProgress; OrderInProgressScreen { model: view.model; portrait: view.portrait } }
    Component { id: ready; ReadyScreen { model: view.model; portrait: view.portrait } }
    Component { id: existingOrder; ExistingOrderScreen { model: view.model; portrait: view.portrait } }
    Component { id: confirmCancel; ConfirmCancelScreen { model: view.model; portrait: view.portrait } }
    Component { id: confirmRevoke; ConfirmRevokeScreen { model: view.model; portrait: view.portrait } }
    Component { id: readerMissing; ReaderMissingScreen { model: view.model; portrait: view.portrait } }
    Component { id: serviceUnavailable; ServiceUnavailableScreen { model: view.model; portrait: view.portrait } }
    Component { id: goodbye; GoodbyeScreen { model: view.model; portrait: view.portrait } }
    Component { id: outOfService; OutOfServiceScreen { model: view.model; portrait: view.portrait } }
    Component { id: orderSent; OrderSentScreen { model: view.model; portrait: view.portrait } }
    Component { id: takeCard; TakeCardScreen { model: view.model; portrait: view.portrait } }
}
