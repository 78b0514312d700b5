import QtQuick
import QtQuick.Layouts

// An icon, a title and a sentence of what to do: the shape of every "something is up" screen.
ColumnLayout {
    id: notice

    property string symbol: "!"
    property color accent: Theme.danger
    property string title
    property string body
    property string hint

    spacing: Theme.spacing

    Rectangle {
        Layout.alignment: Qt.AlignHCenter
        Layout.preferredWidth: Theme.px(160)
        Layout.preferredHeight: Theme.px(160)
        radius: width / 2
        color: notice.accent
        Accessible.ignored: true

        Text {
            anchors.centerIn: parent
            text: notice.symbol
            color: Theme.onDark
            font.family: Theme.fontFamily
            font.pixelSize: Theme.px(96)
            font.bold: true
        }
    }
    Heading {
        large: true
        text: notice.title
        horizontalAlignment: Text.AlignHCenter
    }
    Body {
        visible: text.length > 0
        text: notice.body
        horizontalAlignment: Text.AlignHCenter
    }
    Body {
        visible: text.length > 0
        small: true
        text: notice.hint
        horizontalAlignment: Text.AlignHCenter
    }
}
