import QtQuick
import Els.Kiosk
import QtQuick.Layouts

FocusScope {
    id: screen
    objectName: "confirmRevokeScreen"

    required property ScreenModel model
    required property bool portrait

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width, Theme.px(1100))
        spacing: Theme.margin

        Notice {
            Layout.fillWidth: true
            symbol: "?"
            accent: Theme.primary
            title: qsTr("Unieważnić mLegitymację?")
            body: qsTr("mLegitymacja w Twoim telefonie przestanie działać. Potem możesz zamówić nową.")
        }
        Flow {
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: Math.min(parent.width, childrenRect.width)
            spacing: Theme.spacing

            BigButton {
                objectName: "backButton"
                focus: true
                kind: "secondary"
                text: qsTr("Nie, wróć")
                onClicked: screen.model.back()
            }
            BigButton {
                objectName: "confirmButton"
                kind: "danger"
                text: qsTr("Tak, unieważnij")
                onClicked: screen.model.confirm()
            }
        }
    }
}
