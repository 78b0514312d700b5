<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="pl">
<context>
    <name>AccessBar</name>
    <message>
        <source>Wyłącz mowę</source>
        <translation>Turn speech off</translation>
    </message>
    <message>
        <source>Włącz mowę</source>
        <translation>Turn speech on</translation>
    </message>
    <message>
        <source>Czyta ekran na głos</source>
        <translation>Reads the screen aloud</translation>
    </message>
    <message>
        <source>Zwykły tekst</source>
        <translation>Normal text</translation>
    </message>
    <message>
        <source>Duży tekst</source>
        <translation>Large text</translation>
    </message>
    <message>
        <source>Powiększa napisy</source>
        <translation>Makes the text larger</translation>
    </message>
    <message>
        <source>Zamknij pomoc</source>
        <translation>Close help</translation>
    </message>
    <message>
        <source>Pomoc</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>Przeczytaj kod</source>
        <translation>Read the code</translation>
    </message>
</context>
<context>
    <name>ConfirmCancelScreen</name>
    <message>
        <source>Anulować zamówienie?</source>
        <translation>Cancel the order?</translation>
    </message>
    <message>
        <source>Zamówienie mLegitymacji zostanie anulowane. Nowe możesz złożyć później.</source>
        <translation>Your mLegitymacja order will be cancelled. You can place a new one later.</translation>
    </message>
    <message>
        <source>Nie, wróć</source>
        <translation>No, go back</translation>
    </message>
    <message>
        <source>Tak, anuluj</source>
        <translation>Yes, cancel it</translation>
    </message>
</context>
<context>
    <name>ConfirmOrderScreen</name>
    <message>
        <source>Dzień dobry!</source>
        <translation>Hello!</translation>
    </message>
    <message>
        <source>Imię z legitymacji: %1</source>
        <translation>Name on the card: %1</translation>
    </message>
    <message>
        <source>Twoja legitymacja jest ważna i możesz zamówić mLegitymację — legitymację studencką w aplikacji mObywatel.</source>
        <translation>Your student ID card is valid, so you can order an mLegitymacja — the student ID in the mObywatel app.</translation>
    </message>
    <message>
        <source>Zamów mLegitymację</source>
        <translation>Order mLegitymacja</translation>
    </message>
    <message>
        <source>Zakończ</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>ConfirmRevokeScreen</name>
    <message>
        <source>Unieważnić mLegitymację?</source>
        <translation>Revoke your mLegitymacja?</translation>
    </message>
    <message>
        <source>mLegitymacja w Twoim telefonie przestanie działać. Potem możesz zamówić nową.</source>
        <translation>The mLegitymacja on your phone will stop working. You can order a new one afterwards.</translation>
    </message>
    <message>
        <source>Nie, wróć</source>
        <translation>No, go back</translation>
    </message>
    <message>
        <source>Tak, unieważnij</source>
        <translation>Yes, revoke it</translation>
    </message>
</context>
<context>
    <name>ExistingOrderScreen</name>
    <message>
        <source>Masz już zamówioną mLegitymację</source>
        <translation>You have already ordered an mLegitymacja</translation>
    </message>
    <message>
        <source>Stan zamówienia: %1</source>
        <translation>Order status: %1</translation>
    </message>
    <message>
        <source>Data zamówienia: %1</source>
        <translation>Order date: %1</translation>
    </message>
    <message>
        <source>Oczekujące</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>W toku</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Gotowe</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>Możesz poczekać na realizację albo anulować zamówienie.</source>
        <translation>You can wait for it to be issued or cancel the order.</translation>
    </message>
    <message>
        <source>Anuluj zamówienie</source>
        <translation>Cancel the order</translation>
    </message>
    <message>
        <source>Unieważnij mLegitymację</source>
        <translation>Revoke mLegitymacja</translation>
    </message>
    <message>
        <source>Zakończ</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>Twoja mLegitymacja jest już aktywna w mObywatelu</source>
        <translation>Your mLegitymacja is already active in mObywatel</translation>
    </message>
    <message>
        <source>Masz nowy telefon albo mObywatel pokazuje „mLegitymacja nie istnieje”? Unieważnij ją i zamów nową.</source>
        <translation>A new phone, or mObywatel says “mLegitymacja nie istnieje” (does not exist)? Revoke it and order a new one.</translation>
    </message>
</context>
<context>
    <name>GoodbyeScreen</name>
    <message>
        <source>Ekran zamknie się za %1 s</source>
        <translation>This screen closes in %1 s</translation>
    </message>
</context>
<context>
    <name>HelpScreen</name>
    <message>
        <source>Pomoc</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>Co robi ten kiosk?</source>
        <translation>What does this kiosk do?</translation>
    </message>
    <message>
        <source>Tu zamówisz mLegitymację — legitymację studencką w aplikacji mObywatel. Sprawdzamy Twoją legitymację w USOS i pokazujemy kod QR dla aplikacji mObywatel.</source>
        <translation>Here you can order your mLegitymacja — the student ID in the mObywatel app. We check your student ID card in USOS and show a QR code for the mObywatel app.</translation>
    </message>
    <message>
        <source>Gdzie szukać pomocy?</source>
        <translation>Where can I get help?</translation>
    </message>
    <message>
        <source>W dziekanacie albo w punkcie pomocy IT uczelni.</source>
        <translation>At the dean&apos;s office or the university&apos;s IT help desk.</translation>
    </message>
    <message>
        <source>Twoje dane</source>
        <translation>Your data</translation>
    </message>
    <message>
        <source>Z chipu legitymacji odczytujemy imiona, nazwisko, PESEL, numer albumu i datę ważności. Porównujemy je z danymi w USOS. Po zakończeniu niczego nie zachowujemy: dziennik kiosku nie zawiera danych osobowych.</source>
        <translation>From your card&apos;s chip we read your given names, surname, PESEL, student (album) number and expiry date. We compare them with your data in USOS. When you finish, we keep nothing: the kiosk&apos;s journal holds no personal data.</translation>
    </message>
    <message>
        <source>Zamknij pomoc</source>
        <translation>Close help</translation>
    </message>
</context>
<context>
    <name>IdleScreen</name>
    <message>
        <source>Włóż legitymację studencką do czytnika</source>
        <translation>Insert your student ID card into the reader</translation>
    </message>
    <message>
        <source>Zamówisz tu mLegitymację — legitymację studencką w aplikacji mObywatel.</source>
        <translation>Order your mLegitymacja here — the student ID in the mObywatel app.</translation>
    </message>
    <message>
        <source>Kto może zamówić?</source>
        <translation>Who can order?</translation>
    </message>
    <message>
        <source>aktywni studenci,</source>
        <translation>active students,</translation>
    </message>
    <message>
        <source>z numerem PESEL i numerem albumu w USOS,</source>
        <translation>with a PESEL number and a student number in USOS,</translation>
    </message>
    <message>
        <source>ze zdjęciem w USOS,</source>
        <translation>with a photo in USOS,</translation>
    </message>
    <message>
        <source>z przedłużoną plastikową legitymacją,</source>
        <translation>with an extended plastic student ID card,</translation>
    </message>
    <message>
        <source>których dane osobowe nie zmieniły się od wydania legitymacji.</source>
        <translation>whose personal details have not changed since the card was issued.</translation>
    </message>
    <message>
        <source>Czytnik jest pod ekranem.</source>
        <translation>The card reader is below the screen.</translation>
    </message>
    <message>
        <source>Czytnik jest na prawo od ekranu.</source>
        <translation>The card reader is to the right of the screen.</translation>
    </message>
    <message>
        <source>Czytnik jest na lewo od ekranu.</source>
        <translation>The card reader is to the left of the screen.</translation>
    </message>
</context>
<context>
    <name>KioskHeader</name>
    <message>
        <source>Kiosk legitymacji studenckiej</source>
        <translation>Student ID card kiosk</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Kiosk mLegitymacji</source>
        <translation>mLegitymacja kiosk</translation>
    </message>
</context>
<context>
    <name>OrderInProgressScreen</name>
    <message>
        <source>Zamawiamy Twoją mLegitymację</source>
        <translation>Ordering your mLegitymacja</translation>
    </message>
    <message>
        <source>Oczekujące</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>W toku</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Gotowe</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>Trwa realizacja zamówienia</source>
        <translation>Order in progress</translation>
    </message>
    <message>
        <source>To zwykle trwa kilka sekund. Nie wyjmuj legitymacji.</source>
        <translation>This usually takes a few seconds. Leave your card in the reader.</translation>
    </message>
    <message>
        <source>Anuluj zamówienie</source>
        <translation>Cancel the order</translation>
    </message>
</context>
<context>
    <name>OrderSentScreen</name>
    <message>
        <source>Twoje zamówienie jest w USOS</source>
        <translation>Your order is in USOS</translation>
    </message>
    <message>
        <source>Zamówienie mogło trafić do USOS</source>
        <translation>Your order may have reached USOS</translation>
    </message>
    <message>
        <source>Stan zamówienia: %1</source>
        <translation>Order status: %1</translation>
    </message>
    <message>
        <source>Nie wiemy, czy USOS je przyjął. Gdy włożysz legitymację ponownie, sprawdzimy to i nie zamówimy drugi raz.</source>
        <translation>We do not know whether USOS accepted it. When you insert your student ID card again, we will check and will not order twice.</translation>
    </message>
    <message>
        <source>Aby zobaczyć kod QR, włóż legitymację ponownie (także później) albo sprawdź USOSweb lub aplikację mObywatel.</source>
        <translation>To see the QR code, insert your student ID card again (later is fine too) or check USOSweb or the mObywatel app.</translation>
    </message>
    <message>
        <source>Zakończ</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <source>Kiosk jest nieczynny</source>
        <translation>This kiosk is out of service</translation>
    </message>
    <message>
        <source>Zamów mLegitymację w USOSweb albo skorzystaj z innego kiosku.</source>
        <translation>Order your mLegitymacja in USOSweb or use another kiosk.</translation>
    </message>
    <message>
        <source>Kod dla obsługi: %1</source>
        <translation>Code for technical staff: %1</translation>
    </message>
</context>
<context>
    <name>ProblemScreen</name>
    <message>
        <source>Zakończ</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>ReaderMissingScreen</name>
    <message>
        <source>Czytnik jest niedostępny</source>
        <translation>The card reader is not available</translation>
    </message>
    <message>
        <source>Próbujemy przywrócić go do działania. Jeśli potrwa to dłużej, zgłoś to w dziekanacie.</source>
        <translation>We are trying to get it working again. If this takes longer, tell your dean&apos;s office.</translation>
    </message>
    <message>
        <source>mLegitymację możesz też zamówić w USOSweb.</source>
        <translation>You can also order your mLegitymacja in USOSweb.</translation>
    </message>
</context>
<context>
    <name>ReadingScreen</name>
    <message>
        <source>Trwa odczyt</source>
        <translation>Reading</translation>
    </message>
    <message>
        <source>Sprawdzamy legitymację…</source>
        <translation>Checking your student ID card…</translation>
    </message>
    <message>
        <source>Nie wyjmuj legitymacji z czytnika.</source>
        <translation>Leave your card in the reader.</translation>
    </message>
</context>
<context>
    <name>ReadyScreen</name>
    <message>
        <source>Twoja mLegitymacja jest gotowa</source>
        <translation>Your mLegitymacja is ready</translation>
    </message>
    <message>
        <source>Kod QR do zeskanowania w aplikacji mObywatel</source>
        <translation>QR code to scan in the mObywatel app</translation>
    </message>
    <message>
        <source>Kod aktywacyjny</source>
        <translation>Activation code</translation>
    </message>
    <message>
        <source>Kod aktywacyjny: %1</source>
        <translation>Activation code: %1</translation>
    </message>
    <message>
        <source>Data zamówienia:</source>
        <translation>Order date:</translation>
    </message>
    <message>
        <source>Termin ważności:</source>
        <translation>Valid until:</translation>
    </message>
    <message>
        <source>Kod QR ze stroną pobierania aplikacji mObywatel</source>
        <translation>QR code with the mObywatel download page</translation>
    </message>
    <message>
        <source>Nie masz aplikacji mObywatel? Zeskanuj ten kod, aby ją pobrać:</source>
        <translation>No mObywatel app yet? Scan this code to download it:</translation>
    </message>
    <message>
        <source>Zakończ</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>Unieważnij mLegitymację</source>
        <translation>Revoke mLegitymacja</translation>
    </message>
</context>
<context>
    <name>ServiceUnavailableScreen</name>
    <message>
        <source>USOS jest chwilowo niedostępny</source>
        <translation>USOS is unavailable right now</translation>
    </message>
    <message>
        <source>Spróbujemy ponownie za chwilę; możesz też spróbować później lub zamówić mLegitymację w USOSweb.</source>
        <translation>We will try again shortly; you can also try later or order your mLegitymacja in USOSweb.</translation>
    </message>
    <message>
        <source>Jeśli nie chcesz czekać, wyjmij legitymację z czytnika.</source>
        <translation>If you do not want to wait, take your card out of the reader.</translation>
    </message>
</context>
<context>
    <name>StepList</name>
    <message>
        <source>Zrobione: </source>
        <translation>Done: </translation>
    </message>
    <message>
        <source>Teraz: </source>
        <translation>Now: </translation>
    </message>
</context>
<context>
    <name>TakeCardScreen</name>
    <message>
        <source>Wyjmij legitymację z czytnika</source>
        <translation>Take your student ID card out of the reader</translation>
    </message>
    <message>
        <source>Twoja legitymacja jest nadal w czytniku. Zabierz ją, aby nikt inny jej nie wziął.</source>
        <translation>Your student ID card is still in the reader. Take it so that nobody else can.</translation>
    </message>
    <message>
        <source>Legitymacja wciąż jest w czytniku!</source>
        <translation>Your student ID card is still in the reader!</translation>
    </message>
</context>
<context>
    <name>TimeoutBar</name>
    <message>
        <source>Ekran zamknie się za %1 s</source>
        <translation>This screen closes in %1 s</translation>
    </message>
    <message>
        <source>Więcej czasu</source>
        <translation>More time</translation>
    </message>
</context>
</TS>
