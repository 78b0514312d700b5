import QtQuick
import QtQuick.Layouts

Text {
    property bool large: false
    Layout.fillWidth: true
    color: Theme.text
    font.family: Theme.fontFamily
    font.pixelSize: large ? Theme.titleSize : Theme.headingSize
    font.bold: true
    wrapMode: Text.WordWrap
    lineHeight: 1.1
    Accessible.role: Accessible.Heading
    Accessible.name: text
}
