#include "els/kiosk/problem-text.hpp"

namespace els::kiosk {

const char* toString(Problem problem) noexcept {
    switch (problem) {
    case Problem::None: return "none";
    case Problem::CardRemoved: return "card_removed";
    case Problem::CardUnreadable: return "card_unreadable";
    case Problem::NotElsCard: return "not_els_card";
    case Problem::SignatureInvalid: return "signature_invalid";
    case Problem::CardNotExtended: return "card_not_extended";
    case Problem::CardNotExtendedInUsos: return "card_not_extended_in_usos";
    case Problem::DataChanged: return "data_changed";
    case Problem::SurnameChanged: return "surname_changed";
    case Problem::GivenNamesChanged: return "given_names_changed";
    case Problem::CardUnknown: return "card_unknown";
    case Problem::StudentInactive: return "student_inactive";
    case Problem::NoPesel: return "no_pesel";
    case Problem::NoAlbumNumber: return "no_album_number";
    case Problem::NoPhoto: return "no_photo";
    case Problem::UsosRefused: return "usos_refused";
    case Problem::OrderFailed: return "order_failed";
    case Problem::ReaderMissing: return "reader_missing";
    case Problem::ServiceUnavailable: return "service_unavailable";
    case Problem::Internal: return "internal";
    }
    return "internal";
}

LocalizedText problemText(Problem problem) {
    switch (problem) {
    case Problem::None: return {"", ""};
    case Problem::CardRemoved:
        return {"Legitymacja została wyjęta. Włóż ją ponownie i nie wyjmuj do końca.",
                "The card was removed. Insert it again and leave it in until the end."};
    case Problem::CardUnreadable:
        return {"Nie udało się odczytać legitymacji. Wyjmij ją, przetrzyj styki i włóż ponownie.",
                "The card could not be read. Take it out, wipe the contacts and insert it again."};
    case Problem::NotElsCard:
        return {"To nie jest elektroniczna legitymacja studencka. Włóż swoją legitymację.",
                "This is not an electronic student ID card. Insert your student ID card."};
    case Problem::SignatureInvalid:
        return {"Podpis danych na legitymacji jest nieważny. Zgłoś się do dziekanatu po nową "
                "legitymację.",
                "The signature of the data on your card is not valid. Go to the dean's office "
                "for a new card."};
    case Problem::CardNotExtended:
        return {"Legitymacja nie jest przedłużona. Przedłuż ją w dziekanacie i spróbuj ponownie.",
                "Your card has not been extended. Have it extended at the dean's office and try "
                "again."};
    case Problem::CardNotExtendedInUsos:
        return {"W systemie USOS Twoja legitymacja nie jest przedłużona. Zgłoś się do dziekanatu, "
                "aby to poprawić.",
                "USOS does not show your card as extended. Go to the dean's office to have it "
                "corrected."};
    case Problem::DataChanged:
        return {"Dane na legitymacji różnią się od danych w USOS. Zgłoś się do dziekanatu.",
                "The data on your card differ from the data in USOS. Go to the dean's office."};
    case Problem::SurnameChanged:
        return {"Nazwisko na legitymacji różni się od nazwiska w USOS. Potrzebna jest nowa "
                "legitymacja: zamów ją w dziekanacie.",
                "The surname on your card differs from the one in USOS. You need a new card: "
                "order it at the dean's office."};
    case Problem::GivenNamesChanged:
        return {"Imiona na legitymacji różnią się od imion w USOS. Potrzebna jest nowa "
                "legitymacja: zamów ją w dziekanacie.",
                "The given names on your card differ from those in USOS. You need a new card: "
                "order it at the dean's office."};
    case Problem::CardUnknown:
        return {"Tej legitymacji nie ma w USOS. Zgłoś się do dziekanatu.",
                "This card is not registered in USOS. Go to the dean's office."};
    case Problem::StudentInactive:
        return {"Nie masz statusu aktywnego studenta. Wyjaśnij to w dziekanacie.",
                "You are not an active student. Ask at the dean's office."};
    case Problem::NoPesel:
        return {"W USOS lub na legitymacji brakuje numeru PESEL, a mLegitymacja go wymaga. "
                "Zgłoś się do dziekanatu.",
                "Your PESEL number is missing in USOS or on the card, and the mLegitymacja needs "
                "it. Go to the dean's office."};
    case Problem::NoAlbumNumber:
        return {"W USOS brakuje Twojego numeru albumu. Zgłoś się do dziekanatu.",
                "Your student number is missing in USOS. Go to the dean's office."};
    case Problem::NoPhoto:
        return {"W USOS brakuje Twojego zdjęcia do legitymacji. Dodaj je w USOSweb lub w "
                "dziekanacie.",
                "There is no ID photo of you in USOS. Add one in USOSweb or at the dean's "
                "office."};
    case Problem::UsosRefused:
        return {"USOS nie pozwala teraz zamówić mLegitymacji.",
                "USOS does not allow ordering an mLegitymacja now."};
    case Problem::OrderFailed:
        return {"Zamówienia nie udało się zrealizować. Spróbuj ponownie później lub zgłoś się do "
                "dziekanatu.",
                "The order could not be completed. Try again later or go to the dean's office."};
    case Problem::ReaderMissing:
        return {"Czytnik kart nie działa. Poproś obsługę o pomoc.",
                "The card reader is not working. Please ask staff for help."};
    case Problem::ServiceUnavailable:
        return {"USOS jest chwilowo niedostępny. Spróbuj ponownie za kilka minut.",
                "USOS is unavailable at the moment. Try again in a few minutes."};
    case Problem::Internal:
        return {"Wystąpił błąd kiosku. Poproś obsługę o pomoc.",
                "The kiosk ran into an error. Please ask staff for help."};
    }
    return problemText(Problem::Internal);
}

const std::vector<LocalizedText>& mObywatelSteps() {
    static const std::vector<LocalizedText> steps{
        {"Otwórz aplikację mObywatel na telefonie.", "Open the mObywatel app on your phone."},
        {"Wybierz „Dodaj dokument”, a potem „Legitymacja studencka”.",
         "Choose \"Add document\", then \"Legitymacja studencka\" (student ID)."},
        {"Zeskanuj kod QR (albo przepisz jego treść).", "Scan the QR code (or type its text)."},
        {"Potwierdź kodem aktywacyjnym.", "Confirm with the activation code."},
    };
    return steps;
}

} // namespace els::kiosk
