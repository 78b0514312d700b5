import QtQuick
import Els.Kiosk
import QtQuick.Layouts

FocusScope {
    id: screen
    objectName: "confirmCancelScreen"

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
            title: qsTr("Anulować zamówienie?")
            body: qsTr("Zamówienie mLegitymacji zostanie anulowane. Nowe możesz złożyć później.")
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
                text: qsTr("Tak, anuluj")
                onClicked: screen.model.confirm()
            }
        }
    }
}
