import QtQuick
import Els.Kiosk
import QtQuick.Layouts

// Title and the PL/EN switch, on every screen.
Rectangle {
    id: header

    required property ScreenModel model

    implicitHeight: Theme.px(128)
    color: Theme.header

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        spacing: Theme.spacing

        ColumnLayout {
            Layout.fillWidth: true
            spacing: Theme.px(4)

            Text {
                text: "mLegitymacja"
                color: Theme.onDark
                font.family: Theme.fontFamily
                font.pixelSize: Theme.headingSize
                font.bold: true
                Accessible.role: Accessible.Heading
                Accessible.name: text
            }
            Text {
                Layout.fillWidth: true
                text: qsTr("Kiosk legitymacji studenckiej")
                color: Theme.onDark
                font.family: Theme.fontFamily
                font.pixelSize: Theme.smallSize
                elide: Text.ElideRight
                Accessible.role: Accessible.StaticText
                Accessible.name: text
            }
        }

        LanguageButton {
            objectName: "languagePl"
            code: "pl"
            languageName: "Polski"
            selected: header.model.language === "pl"
            onClicked: header.model.setLanguage("pl")
        }
        LanguageButton {
            objectName: "languageEn"
            code: "en"
            languageName: "English"
            selected: header.model.language === "en"
            onClicked: header.model.setLanguage("en")
        }
    }
}
