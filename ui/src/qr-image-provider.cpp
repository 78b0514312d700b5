#include <algorithm>
#include <cstring>
#include <els/ui/qr-image-provider.hpp>
#include <memory>
#include <qrencode.h>

namespace els::ui {
namespace {

constexpr int quietZone = 4;
constexpr int defaultModulePixels = 8;

struct QrCodeFree {
    void operator()(QRcode* code) const { QRcode_free(code); }
};
using QrCodePtr = std::unique_ptr<QRcode, QrCodeFree>;

} // namespace

QImage renderQr(std::string_view text, int maxSide) {
    // encodeData takes an explicit length and always uses 8-bit mode: the token is encoded
    // exactly as given, whatever bytes it contains.
    QrCodePtr code{QRcode_encodeData(static_cast<int>(text.size()),
                                     reinterpret_cast<const unsigned char*>(text.data()), 0,
                                     QR_ECLEVEL_M)};
    if (!code)
        return {};

    const int modules = code->width + 2 * quietZone;
    const int scale = maxSide > 0 ? std::max(1, maxSide / modules) : defaultModulePixels;
    const int side = modules * scale;

    QImage image(side, side, QImage::Format_Grayscale8);
    image.fill(0xff);
    for (int y = 0; y < code->width; ++y) {
        for (int x = 0; x < code->width; ++x) {
            // Bit 0 of each libqrencode byte is "dark module".
            if ((code->data[y * code->width + x] & 1) == 0)
                continue;
            const int px = (x + quietZone) * scale;
            for (int row = (y + quietZone) * scale; row < (y + quietZone + 1) * scale; ++row)
                std::memset(image.scanLine(row) + px, 0x00, static_cast<std::size_t>(scale));
        }
    }
    return image;
}

QrImageProvider::QrImageProvider() : QQuickImageProvider(QQuickImageProvider::Image) {}

QImage QrImageProvider::requestImage(const QString& id, QSize* size, const QSize& requestedSize) {
    // QML may hand over the id partly decoded; decoding the rest yields the original bytes.
    const QByteArray text = QByteArray::fromPercentEncoding(id.toUtf8());
    int maxSide = 0;
    if (requestedSize.width() > 0 && requestedSize.height() > 0)
        maxSide = std::min(requestedSize.width(), requestedSize.height());
    else if (requestedSize.width() > 0 || requestedSize.height() > 0)
        maxSide = std::max(requestedSize.width(), requestedSize.height());

    QImage image = renderQr(
        std::string_view(text.constData(), static_cast<std::size_t>(text.size())), maxSide);
    if (size)
        *size = image.size();
    return image;
}

} // namespace els::ui
