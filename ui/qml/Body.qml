import QtQuick
import QtQuick.Layouts

Text {
    property bool small: false
    Layout.fillWidth: true
    color: small ? Theme.muted : Theme.text
    font.family: Theme.fontFamily
    font.pixelSize: small ? Theme.smallSize : Theme.bodySize
    wrapMode: Text.WordWrap
    lineHeight: 1.15
    Accessible.role: Accessible.StaticText
    Accessible.name: text
}
