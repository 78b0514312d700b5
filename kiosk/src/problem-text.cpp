#include "els/kiosk/problem-text.hpp"

#include <array>

namespace els::kiosk {

namespace {

constexpr auto problemCount = static_cast<std::size_t>(Problem::Internal) + 1;

// Indexed by Problem, in the enum's order (toString's switch names each one).
const std::array<ProblemText, problemCount> problems{{
    // None
    {{"", ""}, {"", ""}},
    // CardRemoved
    {{"Legitymacja została wyjęta", "The card was removed"},
     {"Włóż legitymację ponownie i nie wyjmuj jej, dopóki nie skończymy.",
      "Insert your card again and leave it in until we are done."}},
    // CardUnreadable
    {{"Nie udało się odczytać legitymacji", "We could not read the card"},
     {"Wyjmij legitymację, sprawdź, czy chip jest czysty, i włóż ją ponownie chipem do czytnika.",
      "Take the card out, check that the chip is clean and insert it again, chip first."}},
    // NotElsCard
    {{"To nie jest legitymacja studencka", "This is not a student ID card"},
     {"Włóż plastikową legitymację studencką (ELS) wydaną przez Twoją uczelnię.",
      "Insert the plastic student ID card (ELS) issued by your university."}},
    // SignatureInvalid
    {{"Nie można potwierdzić autentyczności legitymacji", "We could not verify this card"},
     {"Dane na legitymacji mają nieprawidłowy podpis. Zgłoś się z nią do dziekanatu.",
      "The data on the card have an invalid signature. Take the card to your dean's office."}},
    // ChipMismatch: the data were copied onto another chip (or the chip refused the command)
    {{"Legitymacja nie przeszła kontroli układu", "This card failed the chip check"},
     {"Chip legitymacji nie potwierdził zapisanych na niej danych. Zgłoś się z nią do dziekanatu.",
      "The card's chip did not confirm the data stored on it. Take the card to your dean's "
      "office."}},
    // CardNotExtended
    {{"Legitymacja nie jest przedłużona", "Your card has not been extended"},
     {"Przedłuż ważność legitymacji w dziekanacie, a potem wróć do kiosku.",
      "Go to the dean's office to extend your card, then come back to the kiosk."}},
    // CardNotExtendedInUsos
    {{"Przedłużenia nie ma jeszcze w USOS", "The extension is not in USOS yet"},
     {"Legitymacja jest przedłużona, ale USOS jeszcze tego nie pokazuje. Poproś dziekanat o "
      "wpisanie przedłużenia do USOS.",
      "Your card is extended, but USOS does not show it yet. Ask the dean's office to record "
      "the extension in USOS."}},
    // DataChanged
    {{"Dane na legitymacji różnią się od danych w USOS", "The card's data differ from USOS"},
     {"Twoje dane zmieniły się od wydania legitymacji. Zamów w dziekanacie nową legitymację.",
      "Your data changed since the card was issued. Order a new card at the dean's office."}},
    // SurnameChanged
    {{"Zmieniło się nazwisko", "Your surname has changed"},
     {"Nazwisko w USOS jest inne niż na legitymacji. Zamów w dziekanacie nową legitymację.",
      "Your surname in USOS differs from the card. Order a new card at the dean's office."}},
    // GivenNamesChanged
    {{"Zmieniły się imiona", "Your given names have changed"},
     {"Imiona w USOS są inne niż na legitymacji. Zamów w dziekanacie nową legitymację.",
      "Your given names in USOS differ from the card. Order a new card at the dean's office."}},
    // CardUnknown
    // USOS lists only valid cards, so a card not extended in USOS may also end here.
    {{"Tej legitymacji nie ma w USOS", "This card is not in USOS"},
     {"Poproś dziekanat o sprawdzenie legitymacji w USOS: musi być zarejestrowana i przedłużona.",
      "Ask the dean's office to check your card in USOS: it must be registered and extended."}},
    // StudentInactive
    {{"Nie masz statusu aktywnego studenta", "You are not an active student"},
     {"mLegitymację mogą zamówić tylko aktywni studenci. Wyjaśnij swój status w dziekanacie.",
      "Only active students can order mLegitymacja. Ask your dean's office about your status."}},
    // NoPesel: missing in USOS or on the chip
    {{"Brak numeru PESEL", "Your PESEL number is missing"},
     {"mLegitymacja wymaga numeru PESEL, a nie ma go w USOS lub na legitymacji. Poproś "
      "dziekanat o jego uzupełnienie.",
      "mLegitymacja needs your PESEL number, and USOS or your card does not have it. Ask the "
      "dean's office to add it."}},
    // NoAlbumNumber
    {{"Brak numeru albumu w USOS", "USOS has no student number for you"},
     {"Poproś dziekanat o uzupełnienie numeru albumu w USOS.",
      "Ask the dean's office to add your student (album) number to USOS."}},
    // NoPhoto
    {{"Brak zdjęcia w USOS", "USOS has no photo of you"},
     {"Dodaj zdjęcie w USOSweb lub w dziekanacie i poczekaj na jego akceptację.",
      "Upload a photo in USOSweb or at the dean's office and wait until it is approved."}},
    // CodeNeedsEmail: [mail] activation_code = email and USOS lists no address
    {{"Kod aktywacyjny wysyłamy tylko e-mailem", "The activation code goes by e-mail only"},
     {"W USOS nie ma Twojego adresu e-mail. Zamów mLegitymację w USOSweb albo podaj adres "
      "e-mail w dziekanacie.",
      "USOS has no e-mail address for you. Order the mLegitymacja in USOSweb, or give the "
      "dean's office an e-mail address."}},
    // ReorderLimit: counted from USOS's own order list, so it holds across kiosks
    {{"Dziś nie można już zamówić mLegitymacji", "No more orders today"},
     {"Dziś zamówiono już mLegitymację z tej legitymacji. Kolejne zamówienie złożysz jutro "
      "albo w USOSweb.",
      "An mLegitymacja has already been ordered with this card today. Order again tomorrow, "
      "or in USOSweb."}},
    // UsosRefused: the advice is USOS's own reason (ScreenState::usosReason)
    {{"USOS nie pozwala teraz zamówić mLegitymacji", "USOS does not allow an order now"}, {"", ""}},
    // OrderFailed
    {{"Nie udało się złożyć zamówienia", "The order could not be placed"},
     {"Spróbuj ponownie za kilka minut. Jeśli to się powtórzy, zamów mLegitymację w USOSweb.",
      "Try again in a few minutes. If it happens again, order mLegitymacja in USOSweb."}},
    // ReaderMissing
    {{"Czytnik kart jest niedostępny", "The card reader is unavailable"},
     {"Kiosk próbuje go przywrócić. Jeśli to potrwa, zgłoś to obsłudze.",
      "The kiosk is trying to bring it back. If this lasts, please tell the staff."}},
    // ServiceUnavailable
    {{"USOS jest chwilowo niedostępny", "USOS is unavailable right now"},
     {"Spróbuj ponownie za kilka minut albo zamów mLegitymację w USOSweb.",
      "Try again in a few minutes or order mLegitymacja in USOSweb."}},
    // Internal
    {{"Coś poszło nie tak", "Something went wrong"},
     {"Wyjmij legitymację i spróbuj ponownie. Jeśli to się powtórzy, zgłoś to obsłudze.",
      "Take the card out and try again. If it happens again, please tell the staff."}},
}};

struct StatusName {
    std::string_view status;
    LocalizedText text;
    int step;
};

// The USOSweb labels of an order's states.
const std::array<StatusName, 7> statuses{{
    {"pending", {"Oczekujące", "Pending"}, 0},
    {"in_progress", {"W toku", "In progress"}, 1},
    {"ready", {"Gotowe", "Ready"}, 2},
    {"received", {"Odebrane", "Received"}, 2},
    {"error", {"Błąd", "Error"}, -1},
    {"cancelled", {"Anulowane", "Cancelled"}, -1},
    {"revoked", {"Unieważnione", "Revoked"}, -1},
}};

const StatusName* findStatus(std::string_view status) {
    for (const auto& s : statuses)
        if (s.status == status)
            return &s;
    return nullptr;
}

std::string joined(const std::string& title, const std::string& advice) {
    if (advice.empty())
        return title.empty() ? title : title + '.';
    return title + ". " + advice;
}

} // namespace

const char* toString(Problem problem) noexcept {
    switch (problem) {
    case Problem::None:
        return "none";
    case Problem::CardRemoved:
        return "card_removed";
    case Problem::CardUnreadable:
        return "card_unreadable";
    case Problem::NotElsCard:
        return "not_els_card";
    case Problem::SignatureInvalid:
        return "signature_invalid";
    case Problem::ChipMismatch:
        return "chip_mismatch";
    case Problem::CardNotExtended:
        return "card_not_extended";
    case Problem::CardNotExtendedInUsos:
        return "card_not_extended_in_usos";
    case Problem::DataChanged:
        return "data_changed";
    case Problem::SurnameChanged:
        return "surname_changed";
    case Problem::GivenNamesChanged:
        return "given_names_changed";
    case Problem::CardUnknown:
        return "card_unknown";
    case Problem::StudentInactive:
        return "student_inactive";
    case Problem::NoPesel:
        return "no_pesel";
    case Problem::NoAlbumNumber:
        return "no_album_number";
    case Problem::NoPhoto:
        return "no_photo";
    case Problem::CodeNeedsEmail:
        return "code_needs_email";
    case Problem::ReorderLimit:
        return "reorder_limit";
    case Problem::UsosRefused:
        return "usos_refused";
    case Problem::OrderFailed:
        return "order_failed";
    case Problem::ReaderMissing:
        return "reader_missing";
    case Problem::ServiceUnavailable:
        return "service_unavailable";
    case Problem::Internal:
        return "internal";
    }
    return "internal";
}

const ProblemText& problemText(Problem problem) {
    const auto index = static_cast<std::size_t>(problem);
    return index < problems.size() ? problems[index] : problems.back();
}

LocalizedText problemSentence(Problem problem) {
    const auto& text = problemText(problem);
    return {joined(text.title.pl, text.advice.pl), joined(text.title.en, text.advice.en)};
}

LocalizedText orderStatusText(std::string_view status) {
    if (const auto* s = findStatus(status))
        return s->text;
    return {std::string(status), std::string(status)};
}

int orderStep(std::string_view status) {
    const auto* s = findStatus(status);
    return s ? s->step : -1;
}

const std::vector<LocalizedText>& mObywatelSteps() {
    static const std::vector<LocalizedText> steps{
        {"Otwórz aplikację mObywatel.", "Open the mObywatel app."},
        {"Wybierz „Dodaj dokument”, a potem „Legitymacja studencka”.",
         "Choose \"Add document\", then \"Legitymacja studencka\" (student ID)."},
        {"Zeskanuj kod QR (albo przepisz jego treść).", "Scan the QR code (or type its text)."},
        {"Wpisz kod aktywacyjny, aby potwierdzić.", "Type the activation code to confirm."},
    };
    return steps;
}

} // namespace els::kiosk
