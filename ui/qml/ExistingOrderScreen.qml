import QtQuick
import Els.Kiosk
import QtQuick.Layouts

FocusScope {
    id: screen
    objectName: "existingOrderScreen"

    required property ScreenModel model
    required property bool portrait

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width, Theme.px(1100))
        spacing: Theme.margin

        Heading {
            large: true
            text: qsTr("Masz już zamówioną mLegitymację")
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: Theme.px(12)
            Body {
                objectName: "orderStatus"
                text: qsTr("Stan zamówienia: %1").arg(screen.model.orderStatusText)
                font.bold: true
            }
            Body {
                small: true
                visible: screen.model.orderDate.length > 0
                text: qsTr("Data zamówienia: %1").arg(screen.model.orderDate)
            }
        }
        StepList {
            Layout.fillWidth: true
            visible: screen.model.orderStep >= 0
            current: Math.max(0, screen.model.orderStep)
            steps: [qsTr("Oczekujące"), qsTr("W toku"), qsTr("Gotowe")]
        }
        Body {
            visible: screen.model.canCancel
            text: qsTr("Możesz poczekać na realizację albo anulować zamówienie.")
        }
        Flow {
            Layout.fillWidth: true
            spacing: Theme.spacing

            BigButton {
                objectName: "cancelButton"
                visible: screen.model.canCancel
                kind: "secondary"
                text: qsTr("Anuluj zamówienie")
                onClicked: screen.model.cancel()
            }
            BigButton {
                objectName: "revokeButton"
                visible: screen.model.canRevoke
                kind: "secondary"
                text: qsTr("Unieważnij mLegitymację")
                onClicked: screen.model.revoke()
            }
            BigButton {
                objectName: "doneButton"
                focus: true
                text: qsTr("Zakończ")
                onClicked: screen.model.done()
            }
        }
    }
}
