import QtQuick

// Activity indicator in the primary colour (Basic's BusyIndicator is too faint to pass AA).
Item {
    id: spinner

    property string description

    implicitWidth: Theme.px(140)
    implicitHeight: Theme.px(140)
    Accessible.role: Accessible.Animation
    Accessible.name: description

    Item {
        id: dots
        anchors.fill: parent

        Repeater {
            model: 8
            Rectangle {
                required property int index
                readonly property real angle: index * Math.PI / 4
                width: spinner.width * 0.18
                height: width
                radius: width / 2
                color: Theme.primary
                opacity: 0.25 + 0.75 * index / 7
                x: spinner.width / 2 + Math.cos(angle) * spinner.width * 0.38 - width / 2
                y: spinner.height / 2 + Math.sin(angle) * spinner.height * 0.38 - height / 2
            }
        }

        RotationAnimator on rotation {
            from: 0
            to: 360
            duration: 1200
            loops: Animation.Infinite
            running: spinner.visible
        }
    }
}
