import QtQuick
import Els.Kiosk
import QtQuick.Layouts

// The one warning before a screen ends on its own (WCAG 2.2.1 "timing adjustable"), the same on
// every screen: how long is left and "more time". The engine decides when it shows (the last
// seconds of an idle timeout or countdown) and what the button does.
Rectangle {
    id: bar
    objectName: "timeoutBar"

    required property ScreenModel model
    // The button, so that the view can hand the keypad's focus to it when the warning comes.
    readonly property Item moreTimeButton: moreTime

    visible: model.warning
    implicitHeight: visible ? row.implicitHeight + Theme.px(40) : 0
    radius: Theme.px(16)
    color: Theme.panel
    border.width: Theme.px(4)
    border.color: Theme.primary

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.margins: Theme.px(20)
        spacing: Theme.spacing

        Body {
            objectName: "timeoutWarning"
            verticalAlignment: Text.AlignVCenter
            // A no-break space keeps the number with its unit.
            text: qsTr("Ekran zamknie się za %1 s").arg(bar.model.secondsLeft).replace(/ s$/, "\u00a0s")
            // Not spoken every second: the speaker says the warning once.
            Accessible.role: Accessible.StaticText
        }
        BigButton {
            id: moreTime
            objectName: "moreTimeButton"
            visible: bar.model.canMoreTime
            text: qsTr("Więcej czasu")
            onClicked: bar.model.moreTime()
        }
    }
}
