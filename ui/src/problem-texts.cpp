#include <array>
#include <els/ui/problem-texts.hpp>
#include <utility>

namespace els::ui {
namespace {

using kiosk::Problem;

constexpr auto problemCount = static_cast<std::size_t>(Problem::Internal) + 1;

// Indexed by Problem; the static_assert below keeps it in step with the enum.
const std::array<ProblemText, problemCount> table{{
    // None
    {{"", ""}, {"", ""}},
    // CardRemoved
    {{"Karta została wyjęta", "The card was removed"},
     {"Włóż legitymację ponownie i nie wyjmuj jej, dopóki nie skończymy.",
      "Insert your card again and leave it in until we are done."}},
    // CardUnreadable
    {{"Nie udało się odczytać karty", "We could not read the card"},
     {"Wyjmij kartę, sprawdź, czy chip jest czysty, i włóż ją ponownie chipem do czytnika.",
      "Take the card out, check that the chip is clean and insert it again, chip first."}},
    // NotElsCard
    {{"To nie jest legitymacja studencka", "This is not a student ID card"},
     {"Włóż plastikową legitymację studencką (ELS) wydaną przez Twoją uczelnię.",
      "Insert the plastic student ID card (ELS) issued by your university."}},
    // SignatureInvalid
    {{"Nie można potwierdzić autentyczności karty", "We could not verify this card"},
     {"Dane na karcie mają nieprawidłowy podpis. Zgłoś się z legitymacją do dziekanatu.",
      "The data on the card has an invalid signature. Take the card to your dean's office."}},
    // CardNotExtended
    {{"Legitymacja nie jest przedłużona", "Your card has not been extended"},
     {"Przedłuż ważność legitymacji w dziekanacie, a potem wróć do kiosku.",
      "Go to the dean's office to extend your card, then come back to the kiosk."}},
    // CardNotExtendedInUsos
    {{"Przedłużenia nie ma jeszcze w USOS", "The extension is not in USOS yet"},
     {"Karta jest przedłużona, ale USOS jeszcze tego nie pokazuje. Poproś dziekanat o "
      "wpisanie przedłużenia do USOS.",
      "Your card is extended, but USOS does not show it yet. Ask the dean's office to record "
      "the extension in USOS."}},
    // DataChanged
    {{"Dane na karcie różnią się od danych w USOS", "The card's data differ from USOS"},
     {"Twoje dane zmieniły się od wydania legitymacji. Zamów w dziekanacie nową legitymację.",
      "Your data changed since the card was issued. Order a new card at the dean's office."}},
    // SurnameChanged
    {{"Zmieniło się nazwisko", "Your surname has changed"},
     {"Nazwisko w USOS jest inne niż na karcie. Zamów w dziekanacie nową legitymację.",
      "Your surname in USOS differs from the card. Order a new card at the dean's office."}},
    // GivenNamesChanged
    {{"Zmieniły się imiona", "Your given names have changed"},
     {"Imiona w USOS są inne niż na karcie. Zamów w dziekanacie nową legitymację.",
      "Your given names in USOS differ from the card. Order a new card at the dean's office."}},
    // CardUnknown
    {{"Tej karty nie ma w USOS", "This card is not in USOS"},
     {"Poproś dziekanat o zarejestrowanie legitymacji w USOS.",
      "Ask the dean's office to register your card in USOS."}},
    // StudentInactive
    {{"Nie masz statusu aktywnego studenta", "You are not an active student"},
     {"mLegitymację mogą zamówić tylko aktywni studenci. Wyjaśnij swój status w dziekanacie.",
      "Only active students can order mLegitymacja. Ask your dean's office about your status."}},
    // NoPesel
    {{"Brak numeru PESEL w USOS", "USOS has no PESEL number for you"},
     {"Poproś dziekanat o uzupełnienie numeru PESEL w USOS.",
      "Ask the dean's office to add your PESEL number to USOS."}},
    // NoAlbumNumber
    {{"Brak numeru albumu w USOS", "USOS has no student number for you"},
     {"Poproś dziekanat o uzupełnienie numeru albumu w USOS.",
      "Ask the dean's office to add your student (album) number to USOS."}},
    // NoPhoto
    {{"Brak zdjęcia w USOS", "USOS has no photo of you"},
     {"Dodaj zdjęcie w USOSweb lub w dziekanacie i poczekaj na jego akceptację.",
      "Upload a photo in USOSweb or at the dean's office and wait until it is approved."}},
    // UsosRefused: the advice is USOS's own reason, see ScreenState::usosReason
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
     {"Wyjmij kartę i spróbuj ponownie. Jeśli to się powtórzy, zgłoś to obsłudze.",
      "Take the card out and try again. If it happens again, please tell the staff."}},
}};

struct StatusName {
    std::string_view status;
    kiosk::LocalizedText text;
    int step;
};

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
    for (const auto& s : statuses) {
        if (s.status == status)
            return &s;
    }
    return nullptr;
}

} // namespace

const ProblemText& problemText(kiosk::Problem problem) {
    const auto index = static_cast<std::size_t>(problem);
    return index < table.size() ? table[index] : table.back();
}

kiosk::LocalizedText orderStatusText(std::string_view status) {
    if (const auto* s = findStatus(status))
        return s->text;
    return {std::string(status), std::string(status)};
}

int orderStep(std::string_view status) {
    const auto* s = findStatus(status);
    return s ? s->step : -1;
}

} // namespace els::ui
