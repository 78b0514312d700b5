#include "els/platform/error.hpp"

namespace els::platform {

const char* toString(UsosErrorKind kind) noexcept {
    switch (kind) {
    case UsosErrorKind::Network:
        return "usos_network";
    case UsosErrorKind::Timeout:
        return "usos_timeout";
    case UsosErrorKind::Tls:
        return "usos_tls";
    case UsosErrorKind::Http:
        return "usos_http";
    case UsosErrorKind::Usos:
        return "usos_error";
    case UsosErrorKind::BadResponse:
        return "usos_bad_response";
    case UsosErrorKind::Cancelled:
        return "usos_cancelled";
    }
    return "usos_unknown";
}

} // namespace els::platform
