import QtQuick
import QtQuick.Layouts
import Els.Kiosk

// The speech controls, low on every screen (within a wheelchair user's reach): speech on/off
// and, while a code is shown and speech is on, "read the code" (spoken only on this request).
Rectangle {
    id: bar

    required property ScreenSpeaker speech

    implicitHeight: row.implicitHeight + 2 * Theme.px(8)
    color: Theme.panel

    RowLayout {
        id: row
        anchors.centerIn: parent
        spacing: Theme.spacing

        // Compact (as tall as the language buttons), so that every screen keeps its room.
        BigButton {
            kind: "secondary"
            implicitHeight: Theme.px(80)
            topPadding: Theme.px(8)
            bottomPadding: Theme.px(8)
            font.pixelSize: Theme.smallSize
            text: bar.speech.enabled ? qsTr("Wyłącz mowę") : qsTr("Włącz mowę")
            Accessible.description: qsTr("Czyta ekran na głos")
            onClicked: bar.speech.toggle()
        }
        BigButton {
            visible: bar.speech.enabled && bar.speech.hasCode
            kind: "secondary"
            implicitHeight: Theme.px(80)
            topPadding: Theme.px(8)
            bottomPadding: Theme.px(8)
            font.pixelSize: Theme.smallSize
            text: qsTr("Przeczytaj kod")
            onClicked: bar.speech.readCode()
        }
    }
}
