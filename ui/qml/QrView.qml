import QtQuick

// A QR code drawn pixel-exact: the provider scales modules by a whole number and the image is
// shown unscaled, centred on white. Not cached, so the token's image dies with the screen.
Rectangle {
    id: view

    property string source
    property string description

    color: "white"
    Accessible.role: Accessible.Graphic
    Accessible.name: description

    Image {
        anchors.centerIn: parent
        source: view.source
        sourceSize: Qt.size(view.width, view.height)
        cache: false
        smooth: false
        mipmap: false
        fillMode: Image.Pad
        Accessible.ignored: true
    }
}
