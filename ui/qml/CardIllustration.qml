import QtQuick

// A student card with its chip, sliding towards the reader: says "insert" without words.
Item {
    implicitWidth: Theme.px(420)
    implicitHeight: Theme.px(360)
    Accessible.ignored: true

    Rectangle {
        id: card
        width: Theme.px(380)
        height: Theme.px(240)
        anchors.horizontalCenter: parent.horizontalCenter
        radius: Theme.px(20)
        color: "#dce8f5"
        border.width: Theme.px(4)
        border.color: Theme.primary

        Rectangle {
            x: Theme.px(44)
            y: Theme.px(70)
            width: Theme.px(84)
            height: Theme.px(66)
            radius: Theme.px(10)
            color: "#c9a227"
            border.width: Theme.px(3)
            border.color: "#7a5c00"
        }
        Repeater {
            model: 3
            Rectangle {
                required property int index
                x: Theme.px(170)
                y: Theme.px(70) + index * Theme.px(34)
                width: Theme.px(index === 2 ? 110 : 170)
                height: Theme.px(14)
                radius: height / 2
                color: "#9fb6cf"
            }
        }

        SequentialAnimation on y {
            loops: Animation.Infinite
            running: Qt.application.state === Qt.ApplicationActive
            NumberAnimation { from: 0; to: Theme.px(40); duration: 900; easing.type: Easing.InOutQuad }
            NumberAnimation { from: Theme.px(40); to: 0; duration: 900; easing.type: Easing.InOutQuad }
        }
    }

    Rectangle {
        anchors.bottom: parent.bottom
        anchors.horizontalCenter: parent.horizontalCenter
        width: Theme.px(420)
        height: Theme.px(36)
        radius: Theme.px(8)
        color: Theme.text
    }
}
