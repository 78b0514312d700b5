import QtQuick
import Els.Kiosk
import QtQuick.Layouts

// Live order status: the core updates orderStatus as USOS reports it; no refresh button.
FocusScope {
    objectName: "orderInProgressScreen"

    required property ScreenModel model
    required property bool portrait

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width, Theme.px(1100))
        spacing: Theme.margin

        Heading {
            large: true
            text: qsTr("Zamawiamy Twoją mLegitymację")
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.margin

            StepList {
                objectName: "orderSteps"
                Layout.fillWidth: true
                current: Math.max(0, model.orderStep)
                steps: [qsTr("Oczekujące"), qsTr("W toku"), qsTr("Gotowe")]
            }
            Spinner {
                description: qsTr("Trwa realizacja zamówienia")
            }
        }
        Body {
            text: qsTr("To zwykle trwa kilka sekund. Nie wyjmuj legitymacji.")
        }
        BigButton {
            objectName: "cancelButton"
            visible: model.canCancel
            kind: "secondary"
            text: qsTr("Anuluj zamówienie")
            onClicked: model.cancel()
        }
    }
}
