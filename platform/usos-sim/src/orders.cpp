#include "els/platform/usossim/orders.hpp"

#include <array>
#include <openssl/rand.h>
#include <stdexcept>

namespace els::platform::usossim {

bool isKnownStatus(std::string_view s) {
    constexpr std::array all{status::pending, status::inProgress, status::ready,  status::received,
                             status::error,   status::cancelled,  status::revoked};
    for (const auto known : all)
        if (s == known)
            return true;
    return false;
}

bool isActiveStatus(std::string_view s) {
    return s == status::pending || s == status::inProgress || s == status::ready ||
           s == status::received;
}

std::optional<std::string_view> nextStatus(std::string_view s) {
    if (s == status::pending)
        return status::inProgress;
    if (s == status::inProgress)
        return status::ready;
    return std::nullopt;
}

std::optional<std::string_view> statusAfterRevoke(std::string_view s) {
    if (s == status::pending || s == status::inProgress)
        return status::cancelled;
    if (s == status::ready || s == status::received)
        return status::revoked;
    return std::nullopt;
}

std::pair<std::string, std::string> makeCredentials() {
    std::array<unsigned char, 64> bytes{};
    std::array<unsigned char, 8> digits{};
    if (RAND_bytes(bytes.data(), bytes.size()) != 1 ||
        RAND_bytes(digits.data(), digits.size()) != 1)
        throw std::runtime_error("RAND_bytes failed");
    constexpr std::string_view alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string token;
    for (const auto b : bytes)
        token += alphabet[b % alphabet.size()];
    std::string pass;
    for (const auto d : digits)
        pass += static_cast<char>('0' + d % 10);
    return {token, pass};
}

} // namespace els::platform::usossim
