#include "els/kiosk/mail-text.hpp"

namespace els::kiosk {
namespace {

std::string replaced(std::string text, std::string_view key, std::string_view value) {
    for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
        text.replace(at, key.size(), value);
    return text;
}

std::string filled(std::string text, const MailSender& sender, const std::string& when) {
    text = replaced(std::move(text), "{kiosk}", sender.kioskName);
    text = replaced(std::move(text), "{when}", when);
    return replaced(std::move(text), "{contact}", sender.contact);
}

constexpr std::string_view footer =
    "\n-- \n"
    "Wiadomość wysłana automatycznie przez kiosk mLegitymacji. Nie odpowiadaj na nią.\n"
    "Sent automatically by an mLegitymacja kiosk. Please do not reply.\n";

constexpr std::string_view notYou =
    "Jeśli to nie Ty, ktoś mógł skopiować Twoją legitymację: od razu napisz do {contact}\n"
    "i unieważnij mLegitymację w USOSweb.\n";

constexpr std::string_view notYouEn =
    "If this was not you, someone may have copied your student ID card: write to {contact}\n"
    "at once and revoke your mLegitymacja in USOSweb.\n";

} // namespace

MailSender MailSender::fromConfig(const platform::MailConfig& mail) {
    return {mail.from, mail.kioskName, mail.contact};
}

platform::MailMessage activationCodeMail(const MailSender& sender, std::string_view to,
                                         std::string_view activationCode,
                                         platform::Clock::TimePoint when) {
    std::string body = "Dzień dobry,\n\n"
                       "w kiosku „{kiosk}” ({when}) zamówiono Twoją mLegitymację. Kod QR jest na\n"
                       "ekranie kiosku. Kod aktywacyjny do wpisania w aplikacji mObywatel:\n\n"
                       "    {code}\n\n"
                       "Nie przekazuj go nikomu; jest ważny około 30 dni.\n";
    body += notYou;
    body += "\n---\n\nHello,\n\n"
            "your mLegitymacja was ordered at kiosk \"{kiosk}\" ({when}). The QR code is on the\n"
            "kiosk's screen. The activation code to type into the mObywatel app:\n\n"
            "    {code}\n\n"
            "Do not share it; it is valid for about 30 days.\n";
    body += notYouEn;
    body += footer;
    body = replaced(filled(std::move(body), sender, platform::warsawDateTime(when)), "{code}",
                    activationCode);
    return {sender.from, std::string(to), "mLegitymacja: kod aktywacyjny / activation code",
            std::move(body)};
}

platform::MailMessage noticeMail(const MailSender& sender, std::string_view to, Operation operation,
                                 platform::Clock::TimePoint when) {
    struct Words {
        std::string_view subjectPl, subjectEn, pl, en;
    };
    const Words words = [&]() -> Words {
        switch (operation) {
        case Operation::Order:
            return {"zamówienie", "order", "zamówiono mLegitymację", "an mLegitymacja was ordered"};
        case Operation::Cancel:
            return {"anulowanie zamówienia", "order cancelled", "anulowano zamówienie mLegitymacji",
                    "an mLegitymacja order was cancelled"};
        case Operation::Revoke:
            return {"unieważnienie", "revoked", "unieważniono mLegitymację",
                    "the mLegitymacja was revoked"};
        }
        return {"operacja", "operation", "wykonano operację", "an operation was done"};
    }();
    std::string body = "Dzień dobry,\n\n"
                       "w kiosku „{kiosk}” ({when}), z użyciem Twojej legitymacji studenckiej,\n";
    body += std::string(words.pl) + ".\n\n";
    body += notYou;
    body += "\n---\n\nHello,\n\n"
            "at kiosk \"{kiosk}\" ({when}), using your student ID card, ";
    body += std::string(words.en) + ".\n\n";
    body += notYouEn;
    body += footer;
    std::string subject = "mLegitymacja: " + std::string(words.subjectPl) + " / " +
                          std::string(words.subjectEn) + " ({kiosk})";
    return {sender.from, std::string(to), replaced(std::move(subject), "{kiosk}", sender.kioskName),
            filled(std::move(body), sender, platform::warsawDateTime(when))};
}

std::string maskedAddress(std::string_view address) {
    const auto at = address.find('@');
    if (at == std::string_view::npos || at == 0 || at + 1 >= address.size())
        return "***";
    return std::string(address.substr(0, 1)) + "***" + std::string(address.substr(at));
}

LocalizedText codeSentText(std::string_view masked) {
    return {"Kod aktywacyjny wysłaliśmy na Twój adres e-mail " + std::string(masked) +
                ". Zeskanuj kod QR, a kod aktywacyjny przepisz z wiadomości.",
            "We sent the activation code to your e-mail address " + std::string(masked) +
                ". Scan the QR code, then type the activation code from the e-mail."};
}

LocalizedText codeMailFailedText() {
    return {"Nie udało się wysłać e-maila z kodem aktywacyjnym. Kod znajdziesz w USOSweb, przy "
            "zamówieniu mLegitymacji, albo spróbuj ponownie za chwilę.",
            "We could not send the e-mail with the activation code. You will find the code in "
            "USOSweb, with your mLegitymacja order, or try again in a moment."};
}

} // namespace els::kiosk
