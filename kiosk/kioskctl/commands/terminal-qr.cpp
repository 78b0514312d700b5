#include "terminal-qr.hpp"

#include <memory>
#include <qrencode.h>
#include <stdexcept>
#include <string>

namespace els::kiosk::kioskctl {

namespace {
struct QrFree {
    void operator()(QRcode* code) const noexcept { QRcode_free(code); }
};
constexpr int quietZone = 4;
} // namespace

std::string terminalQr(std::string_view text) {
    const std::string data(text);
    const std::unique_ptr<QRcode, QrFree> code(
        QRcode_encodeString8bit(data.c_str(), 0, QR_ECLEVEL_M));
    if (!code)
        throw std::runtime_error("libqrencode cannot encode the token");
    const int width = code->width;
    const auto dark = [&](int x, int y) {
        x -= quietZone;
        y -= quietZone;
        if (x < 0 || y < 0 || x >= width || y >= width)
            return false;
        return (code->data[y * width + x] & 1) != 0; // bit 0: dark module
    };
    const int size = width + 2 * quietZone;
    std::string out;
    for (int y = 0; y < size; y += 2) {
        for (int x = 0; x < size; ++x) {
            const bool topLight = !dark(x, y);
            const bool bottomLight = y + 1 < size ? !dark(x, y + 1) : false;
            out += topLight && bottomLight ? "\u2588"
                   : topLight              ? "\u2580"
                   : bottomLight           ? "\u2584"
                                           : " ";
        }
        out += '\n';
    }
    return out;
}

} // namespace els::kiosk::kioskctl
