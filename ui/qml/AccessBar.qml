import QtQuick
import QtQuick.Layouts
import Els.Kiosk

// Every control a student may need on any screen, low on the screen (within a wheelchair
// user's reach, EN 301 549 / ADA reach range): speech on/off, "read the code" (while speech is
// on and a code is shown), large text, help and the PL/EN switch. Two rows in portrait, one in
// landscape.
Rectangle {
    id: bar

    required property ScreenModel model
    // Null where there is no speech output (previews, tests): no speech controls then.
    property ScreenSpeaker speech: null
    property bool portrait: true
    // The bar's own scale, from the window's short side (1080 px: 1): not Theme.scale, which
    // follows the room the bar leaves to the screen above it (that would be a binding loop).
    property real unit: 1
    function u(value) { return Math.round(value * unit) }
    // 36 px in either text size: two rows in portrait, one in landscape, whatever the student
    // chose, so that large text leaves the screen its room.
    readonly property int fontSize: u(36)
    property bool largeText: false
    property bool helpOpen: false

    signal largeTextToggled()
    signal helpToggled()

    implicitHeight: grid.implicitHeight + 2 * u(12)
    color: Theme.panel

    // Compact: as tall as a language button, as wide as its label.
    component BarButton: BigButton {
        id: button
        kind: "secondary"
        implicitHeight: Math.max(bar.u(80), implicitContentHeight + topPadding + bottomPadding)
        implicitWidth: Math.max(bar.u(160), implicitContentWidth + leftPadding + rightPadding)
        topPadding: bar.u(8)
        bottomPadding: bar.u(8)
        leftPadding: bar.u(24)
        rightPadding: bar.u(24)
        font.pixelSize: bar.fontSize
        // One line: the bar is laid out for its labels' full width.
        contentItem: Text {
            text: button.text
            font: button.font
            color: button.down ? Theme.primaryPressed : Theme.primary
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
            Accessible.ignored: true
        }
    }

    GridLayout {
        id: grid
        anchors.centerIn: parent
        columns: bar.portrait ? 3 : 7
        columnSpacing: bar.u(24)
        rowSpacing: bar.u(12)

        BarButton {
            objectName: "speechButton"
            visible: bar.speech !== null
            text: bar.speech && bar.speech.enabled ? qsTr("Wyłącz mowę") : qsTr("Włącz mowę")
            Accessible.description: qsTr("Czyta ekran na głos")
            onClicked: bar.speech.toggle()
        }
        BarButton {
            objectName: "largeTextButton"
            text: bar.largeText ? qsTr("Zwykły tekst") : qsTr("Duży tekst")
            Accessible.description: qsTr("Powiększa napisy")
            onClicked: bar.largeTextToggled()
        }
        BarButton {
            objectName: "helpButton"
            text: bar.helpOpen ? qsTr("Zamknij pomoc") : qsTr("Pomoc")
            onClicked: bar.helpToggled()
        }
        BarButton {
            id: readCode
            objectName: "readCodeButton"
            visible: bar.speech !== null && bar.speech.enabled && bar.speech.hasCode
            text: qsTr("Przeczytaj kod")
            onClicked: bar.speech.readCode()
        }
        RowLayout {
            // Centred in its row in portrait: beside "read the code", or alone.
            Layout.columnSpan: bar.portrait ? (readCode.visible ? 2 : 3) : 1
            Layout.alignment: Qt.AlignHCenter
            spacing: bar.u(16)
            LanguageButton {
                objectName: "languagePl"
                unit: bar.unit
                font.pixelSize: bar.fontSize
                code: "pl"
                languageName: "Polski"
                selected: bar.model.language === "pl"
                onClicked: bar.model.setLanguage("pl")
            }
            LanguageButton {
                objectName: "languageEn"
                unit: bar.unit
                font.pixelSize: bar.fontSize
                code: "en"
                languageName: "English"
                selected: bar.model.language === "en"
                onClicked: bar.model.setLanguage("en")
            }
        }
    }
}
