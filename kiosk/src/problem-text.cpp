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
    {{"Legitymacja została wyjęta", "Your student ID card was removed"},
     {"Włóż legitymację ponownie i nie wyjmuj jej, dopóki nie skończymy.",
      "Insert it again and leave it in the reader until we are done."}},
    // CardUnreadable
    {{"Nie udało się odczytać legitymacji", "We could not read your student ID card"},
     {"Wyjmij legitymację, sprawdź, czy chip jest czysty, i włóż ją ponownie chipem do czytnika. "
      "Jeśli to się powtórzy, zgłoś się z nią do dziekanatu.",
      "Take the card out, check that the chip is clean and insert it again, chip first. If this "
      "happens again, take the card to your dean's office."}},
    // NotElsCard
    {{"To nie jest legitymacja studencka", "This is not a student ID card"},
     {"Włóż plastikową legitymację studencką wydaną przez Twoją uczelnię.",
      "Insert the plastic student ID card issued by your university."}},
    // SignatureInvalid
    {{"Nie możemy potwierdzić autentyczności legitymacji",
      "We could not verify your student ID card"},
     {"Dane na legitymacji mają nieprawidłowy podpis. Zgłoś się z nią do dziekanatu.",
      "The signature of the data on the card is invalid. Take the card to your dean's office."}},
    // ChipMismatch: the data were copied onto another chip (or the chip refused the command)
    {{"Chip legitymacji nie przeszedł kontroli", "Your card's chip failed our check"},
     {"Chip nie potwierdził danych zapisanych na legitymacji. Zgłoś się z nią do dziekanatu.",
      "The chip did not confirm the data stored on the card. Take the card to your dean's "
      "office."}},
    // CardNotExtended
    {{"Legitymacja nie jest przedłużona", "Your student ID card has not been extended"},
     {"Przedłuż ważność legitymacji w dziekanacie, a potem wróć do kiosku.",
      "Have it extended at your dean's office, then come back to the kiosk."}},
    // CardNotExtendedInUsos
    {{"Przedłużenia nie ma jeszcze w USOS", "The extension is not in USOS yet"},
     {"Legitymacja jest przedłużona, ale USOS jeszcze tego nie pokazuje. Poproś dziekanat o "
      "wpisanie przedłużenia do USOS, a potem wróć do kiosku.",
      "Your card is extended, but USOS does not show it yet. Ask your dean's office to record "
      "the extension in USOS, then come back to the kiosk."}},
    // DataChanged
    {{"Dane na legitymacji różnią się od danych w USOS",
      "The details on your card do not match USOS"},
     {"Twoje dane zmieniły się od wydania legitymacji. Zamów w dziekanacie nową legitymację.",
      "Your details have changed since the card was issued. Order a new student ID card at "
      "your dean's office."}},
    // SurnameChanged
    {{"Zmieniło się nazwisko", "Your surname has changed"},
     {"Nazwisko w USOS jest inne niż na legitymacji. Zamów w dziekanacie nową legitymację.",
      "Your surname in USOS differs from the one on the card. Order a new student ID card at "
      "your dean's office."}},
    // GivenNamesChanged
    {{"Zmieniły się imiona", "Your given names have changed"},
     {"Imiona w USOS są inne niż na legitymacji. Zamów w dziekanacie nową legitymację.",
      "Your given names in USOS differ from those on the card. Order a new student ID card at "
      "your dean's office."}},
    // CardUnknown
    // USOS lists only valid cards, so a card not extended in USOS may also end here.
    {{"Tej legitymacji nie ma w USOS", "This card is not in USOS"},
     {"Poproś dziekanat o sprawdzenie legitymacji w USOS: musi być zarejestrowana i przedłużona.",
      "Ask your dean's office to check your card in USOS: it must be registered and extended."}},
    // StudentInactive
    {{"Nie masz statusu aktywnego studenta", "You are not an active student"},
     {"mLegitymację mogą zamówić tylko aktywni studenci. Wyjaśnij swój status w dziekanacie.",
      "Only active students can order an mLegitymacja. Ask your dean's office about your "
      "status."}},
    // NoPesel: missing in USOS or on the chip
    {{"Brak numeru PESEL", "Your PESEL number is missing"},
     {"mLegitymacja wymaga numeru PESEL, a nie ma go w USOS lub na legitymacji. Poproś "
      "dziekanat o jego uzupełnienie.",
      "An mLegitymacja needs your PESEL number, which is missing in USOS or on your card. Ask "
      "your dean's office to add it."}},
    // NoAlbumNumber
    {{"Brak numeru albumu w USOS", "Your student number is missing in USOS"},
     {"Poproś dziekanat o uzupełnienie numeru albumu w USOS.",
      "Ask your dean's office to add your student (album) number to USOS."}},
    // NoPhoto
    {{"Brak zdjęcia w USOS", "Your photo is missing in USOS"},
     {"Dodaj zdjęcie w USOSweb lub w dziekanacie i poczekaj na jego akceptację. Potem wróć do "
      "kiosku.",
      "Upload a photo in USOSweb or at your dean's office and wait for it to be approved. Then "
      "come back to the kiosk."}},
    // CodeNeedsEmail: [mail] activation_code = email and USOS lists no address
    {{"Kod aktywacyjny wysyłamy tylko e-mailem", "We send the activation code by e-mail only"},
     {"W USOS nie ma Twojego adresu e-mail. Zamów mLegitymację w USOSweb albo podaj adres "
      "e-mail w dziekanacie.",
      "Your e-mail address is missing in USOS. Order your mLegitymacja in USOSweb, or give "
      "your dean's office an e-mail address."}},
    // ReorderLimit: counted from USOS's own order list, so it holds across kiosks
    {{"Dziś nie można już zamówić mLegitymacji", "You cannot order another mLegitymacja today"},
     {"Dziś zamówiono już mLegitymację przy użyciu tej legitymacji. Kolejne zamówienie "
      "złożysz jutro albo w USOSweb.",
      "An mLegitymacja has already been ordered with this card today. Order again tomorrow, "
      "or in USOSweb."}},
    // UsosRefused: USOS's own reason (ScreenState::usosReason) comes first; this says where to
    // go with it, since USOS's reasons do not.
    {{"USOS nie pozwala teraz zamówić mLegitymacji", "USOS does not allow you to order now"},
     {"Jeśli nie wiesz, co zrobić, zapytaj w dziekanacie.",
      "If you are not sure what to do, ask your dean's office."}},
    // OrderFailed
    {{"Nie udało się złożyć zamówienia", "We could not place your order"},
     {"Spróbuj ponownie za kilka minut. Jeśli to się powtórzy, zamów mLegitymację w USOSweb.",
      "Try again in a few minutes. If this happens again, order your mLegitymacja in USOSweb."}},
    // ReaderMissing
    {{"Czytnik jest niedostępny", "The card reader is not available"},
     {"Próbujemy przywrócić go do działania. Jeśli potrwa to dłużej, zgłoś to w dziekanacie "
      "albo zamów mLegitymację w USOSweb.",
      "We are trying to get it working again. If this takes longer, tell your dean's office, "
      "or order your mLegitymacja in USOSweb."}},
    // ServiceUnavailable
    {{"USOS jest chwilowo niedostępny", "USOS is unavailable right now"},
     {"Spróbuj ponownie za kilka minut albo zamów mLegitymację w USOSweb.",
      "Try again in a few minutes, or order your mLegitymacja in USOSweb."}},
    // Internal
    {{"Coś poszło nie tak", "Something went wrong"},
     {"Wyjmij legitymację i spróbuj ponownie. Jeśli to się powtórzy, zgłoś to w dziekanacie "
      "albo zamów mLegitymację w USOSweb.",
      "Take your card out and try again. If this happens again, tell your dean's office, or "
      "order your mLegitymacja in USOSweb."}},
}};

struct StatusName {
    std::string_view status;
    LocalizedText text;
    int step;
};

// The USOSweb labels of an order's states, lower case: they stand inside a sentence
// ("Stan zamówienia: oczekujące").
const std::array<StatusName, 7> statuses{{
    {"pending", {"oczekujące", "pending"}, 0},
    {"in_progress", {"w toku", "in progress"}, 1},
    {"ready", {"gotowe", "ready"}, 2},
    {"received", {"odebrane", "received"}, 2},
    {"error", {"błąd", "error"}, -1},
    {"cancelled", {"anulowane", "cancelled"}, -1},
    {"revoked", {"unieważnione", "revoked"}, -1},
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
         "Choose “Add document”, then “Legitymacja studencka” (student ID)."},
        {"Zeskanuj kod QR z tego ekranu.", "Scan the QR code on this screen."},
        {"Wpisz kod aktywacyjny, aby potwierdzić.", "Type the activation code to confirm."},
    };
    return steps;
}

GoodbyeText goodbyeText(std::string_view orderStatus) {
    const LocalizedText takeCard{"Wyjmij legitymację z czytnika",
                                 "Take your student ID card out of the reader"};
    if (orderStatus == "cancelled")
        return {true,
                {"Zamówienie anulowane", "Order cancelled"},
                {"Wyjmij legitymację z czytnika. Nowe zamówienie możesz złożyć w każdej chwili.",
                 "Take your student ID card out of the reader. You can place a new order at any "
                 "time."}};
    if (orderStatus == "revoked")
        return {true,
                {"mLegitymacja unieważniona", "mLegitymacja revoked"},
                {"Nie działa już w telefonie. Wyjmij legitymację z czytnika; nową mLegitymację "
                 "możesz zamówić w każdej chwili.",
                 "It no longer works on your phone. Take your student ID card out of the reader; "
                 "you can order a new mLegitymacja at any time."}};
    if (orderStep(orderStatus) >= 0)
        return {true,
                takeCard,
                {"Dziękujemy! Stan zamówienia sprawdzisz też w USOSweb.",
                 "Thank you! You can also check your order in USOSweb."}};
    return {false, takeCard, {"Do widzenia!", "Goodbye!"}};
}

} // namespace els::kiosk
