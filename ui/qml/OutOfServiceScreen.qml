import QtQuick
import Els.Kiosk
import QtQuick.Layouts

// The kiosk itself cannot work (configuration, secret, trust anchors, journal): nothing a
// student can do. The code tells the technician where to look (kioskctl doctor).
FocusScope {
    objectName: "outOfServiceScreen"

    required property ScreenModel model
    required property bool portrait

    Notice {
        anchors.centerIn: parent
        width: Math.min(parent.width, Theme.px(1200))
        symbol: "!"
        accent: Theme.danger
        title: qsTr("Kiosk jest nieczynny")
        body: qsTr("Zamów mLegitymację w USOSweb albo skorzystaj z innego kiosku.")
        hint: qsTr("Kod dla obsługi: %1").arg(model.errorCode)
    }
}
