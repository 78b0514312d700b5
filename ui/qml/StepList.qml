import QtQuick
import QtQuick.Layouts

// Numbered steps. With current < 0 it is a plain instruction list; otherwise it shows
// progress: steps before `current` are done, `current` is active (done if it is the last).
ColumnLayout {
    id: list

    property var steps: []
    property int current: -1
    property int markerSize: Theme.px(64)

    spacing: Theme.px(20)

    Repeater {
        // A count, not the array: retranslating changes the texts but must not recreate the
        // delegates inside a running layout pass (crashes Qt 6.4's layouts).
        model: list.steps.length

        RowLayout {
            id: step

            required property int index
            readonly property bool progress: list.current >= 0
            readonly property bool done: progress && (index < list.current
                                         || (index === list.current
                                             && index === list.steps.length - 1))
            readonly property bool active: progress && index === list.current && !done
            readonly property bool upcoming: progress && index > list.current

            Layout.fillWidth: true
            spacing: Theme.px(24)

            Rectangle {
                Layout.preferredWidth: list.markerSize
                Layout.preferredHeight: list.markerSize
                Layout.alignment: Qt.AlignTop
                radius: width / 2
                color: step.done ? Theme.success : step.upcoming ? Theme.background : Theme.primary
                border.width: step.upcoming ? Theme.px(4) : 0
                border.color: Theme.outline

                Text {
                    anchors.centerIn: parent
                    text: step.done ? "✓" : String(step.index + 1)
                    color: step.upcoming ? Theme.muted : Theme.onDark
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.smallSize
                    font.bold: true
                    Accessible.ignored: true
                }
            }

            Text {
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignVCenter
                text: list.steps[step.index] ?? ""
                color: step.upcoming ? Theme.muted : Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize
                font.bold: step.active
                wrapMode: Text.WordWrap
                Accessible.role: Accessible.ListItem
                Accessible.name: (step.done ? qsTr("Zrobione: ")
                                  : step.active ? qsTr("Teraz: ") : "") + text
            }
        }
    }
}
