#pragma once

#include <QImage>
#include <QQuickImageProvider>
#include <string_view>

namespace els::ui {

// Renders `text` (UTF-8, encoded byte for byte in 8-bit mode) as a QR code with error
// correction M and a 4-module quiet zone, black on white. Modules are scaled by the largest
// integer factor that fits `maxSide` (nearest neighbour, at least 1 pixel per module) so the
// code stays sharp. Returns a null image if the text does not fit in a QR code.
QImage renderQr(std::string_view text, int maxSide);

// image://qr/<percent-encoded text>. Never logs the text: it is the student's order token.
class QrImageProvider : public QQuickImageProvider {
public:
    QrImageProvider();
    QImage requestImage(const QString& id, QSize* size, const QSize& requestedSize) override;
};

} // namespace els::ui
