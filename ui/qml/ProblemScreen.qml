import QtQuick
import Els.Kiosk
import QtQuick.Layouts

// What went wrong and what to do; the sentences come from the C++ problem table, or verbatim
// from USOS when USOS itself refused.
FocusScope {
    objectName: "problemScreen"

    required property ScreenModel model
    required property bool portrait

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width, Theme.px(1200))
        spacing: Theme.margin

        Notice {
            Layout.fillWidth: true
            symbol: "!"
            accent: Theme.danger
            title: model.problemTitle
            body: model.problemAdvice
            hint: model.problemHint
        }
        BigButton {
            objectName: "doneButton"
            Layout.alignment: Qt.AlignHCenter
            focus: true
            kind: "secondary"
            text: qsTr("Zakończ")
            onClicked: model.done()
        }
    }
}
