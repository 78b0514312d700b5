#pragma once

#include "els/kiosk/clone-policy.hpp"
#include "els/kiosk/screen-state.hpp"
#include "els/platform/clock.hpp"
#include "els/platform/mail.hpp"

#include <string>
#include <string_view>

// The e-mails the kiosk sends a student (clone resistance, issue 11) and the sentences the
// screen says about them, in Polish then English (one message serves both: the kiosk does not
// know which language the student reads mail in). They carry no name, PESEL or album number.
namespace els::kiosk {

struct MailSender {
    std::string from;      // [mail] from
    std::string kioskName; // [mail] kiosk_name
    std::string contact;   // [mail] contact: where "it wasn't me" goes

    static MailSender fromConfig(const platform::MailConfig& mail);
};

// The activation code of a ready order, with "if it wasn't you, contact …".
platform::MailMessage activationCodeMail(const MailSender& sender, std::string_view to,
                                         std::string_view activationCode,
                                         platform::Clock::TimePoint when);

// "Your student ID was used at kiosk X at T to order / cancel / revoke …; if it wasn't you …".
platform::MailMessage noticeMail(const MailSender& sender, std::string_view to, Operation operation,
                                 platform::Clock::TimePoint when);

// The address as the screen may show it: first letter of the local part, then "***@domain"
// ("j***@student.uni.edu.pl"); "***" for anything that is not an address.
std::string maskedAddress(std::string_view address);

// "The activation code was sent to j***@…": on the ready screen instead of the code.
LocalizedText codeSentText(std::string_view maskedAddress);
// When the activation-code e-mail could not be sent: the code stays off the screen.
LocalizedText codeMailFailedText();

} // namespace els::kiosk
