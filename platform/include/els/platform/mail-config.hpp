#pragma once

#include "els/platform/mail.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

// The [mail] and [clone] sections of the configuration: the SMTP relay and the clone-resistance
// protections (README "Security: threat model"). Parsed by Config::load; kiosk::ClonePolicy
// turns them into decisions.
namespace els::platform {

// [mail] activation_code: where the activation code goes.
enum class ActivationCodeChannel {
    Screen,          // next to the QR (no second factor: anyone holding the card sees it)
    Email,           // only by e-mail; a student without an e-mail address in USOS is refused
    EmailElseScreen, // by e-mail when USOS has an address, on screen otherwise
};
const char* toString(ActivationCodeChannel channel) noexcept; // the config spelling

struct MailConfig {
    std::string smtpUrl;                // [mail] smtp_url; empty: no e-mail at all
    std::string username;               // [mail] username; empty: no AUTH
    std::filesystem::path passwordFile; // [mail] password_file (0600, like [usos] secret_file)
    std::string from;                   // [mail] from: the sender address
    std::filesystem::path caFile;       // [mail] ca_file: CA (PEM) of the relay; empty: system
    std::chrono::milliseconds timeout{15000}; // [mail] timeout_ms: one whole send
    std::string kioskName; // [mail] kiosk_name: how e-mails name this terminal ("A-0 hall")
    std::string contact;   // [mail] contact: whom to tell "it wasn't me" (address, office)
    // Defaults follow smtp_url: e-mail when a relay is configured, the screen otherwise.
    ActivationCodeChannel activationCode = ActivationCodeChannel::Screen; // [mail] activation_code
    bool notify = false; // [mail] notify: e-mail the student after each order/cancel/revoke

    bool enabled() const noexcept { return !smtpUrl.empty(); }
    // The mailer's settings with the password: the systemd credential "mail-password" when the
    // program runs with it, else password_file (encrypted *.cred, or plain with the 0600 check
    // of [usos] secret_file); throws Error with the fix.
    SmtpSettings smtpSettings() const;
};

struct CloneConfig {
    // [clone] max_reorders_per_day: new orders a student may place on a day that already has
    // an order of theirs (revoke and reorder), counted from USOS's own order list.
    int maxReordersPerDay = 1;
    // [clone] chip_serial_apdu: hex command APDU answered by the chip's own serial number
    // (e.g. 00CA010000, GET DATA); empty: no chip binding (the card type has no such command).
    std::vector<std::uint8_t> chipSerialApdu;
};

} // namespace els::platform
