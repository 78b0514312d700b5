#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

// mLegitymacja order statuses as the API reports them, and how they move.
namespace els::platform::usossim::status {

inline constexpr std::string_view pending = "pending";
inline constexpr std::string_view inProgress = "in_progress";
inline constexpr std::string_view ready = "ready";
inline constexpr std::string_view received = "received";
inline constexpr std::string_view error = "error";
inline constexpr std::string_view cancelled = "cancelled";
inline constexpr std::string_view revoked = "revoked";

} // namespace els::platform::usossim::status

namespace els::platform::usossim {

bool isKnownStatus(std::string_view status);
// An active order blocks a new one and can be cancelled or revoked.
bool isActiveStatus(std::string_view status);
// The order clock's next step: pending → in_progress → ready; nothing after that.
std::optional<std::string_view> nextStatus(std::string_view status);
// revoke_mcard: pending/in_progress → cancelled, ready/received → revoked, else nothing.
std::optional<std::string_view> statusAfterRevoke(std::string_view status);

// Opaque, unguessable credentials of a ready order in the shapes the real ones have:
// {token (QR text, 64 characters), distribution_pass (activation code, 8 digits)}.
std::pair<std::string, std::string> makeCredentials();

} // namespace els::platform::usossim
