<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="pl">
<context>
    <name>ConfirmCancelScreen</name>
    <message>
        <location filename="../qml/ConfirmCancelScreen.qml" line="21"/>
        <source>Anulować zamówienie?</source>
        <translation>Cancel the order?</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmCancelScreen.qml" line="22"/>
        <source>Zamówienie mLegitymacji zostanie anulowane. Nowe możesz złożyć później.</source>
        <translation>Your mLegitymacja order will be cancelled. You can place a new one later.</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmCancelScreen.qml" line="33"/>
        <source>Nie, wróć</source>
        <translation>No, go back</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmCancelScreen.qml" line="39"/>
        <source>Tak, anuluj</source>
        <translation>Yes, cancel</translation>
    </message>
</context>
<context>
    <name>ConfirmOrderScreen</name>
    <message>
        <location filename="../qml/ConfirmOrderScreen.qml" line="19"/>
        <source>Cześć, %1!</source>
        <translation>Hello, %1!</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmOrderScreen.qml" line="23"/>
        <source>Twoja legitymacja jest ważna i możesz zamówić mLegitymację — legitymację studencką w aplikacji mObywatel.</source>
        <translation>Your card is valid and you can order mLegitymacja — your student ID in the mObywatel app.</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmOrderScreen.qml" line="31"/>
        <source>Zamów mLegitymację</source>
        <translation>Order mLegitymacja</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmOrderScreen.qml" line="39"/>
        <source>Nie teraz</source>
        <translation>Not now</translation>
    </message>
</context>
<context>
    <name>ConfirmRevokeScreen</name>
    <message>
        <location filename="../qml/ConfirmRevokeScreen.qml" line="21"/>
        <source>Unieważnić mLegitymację?</source>
        <translation>Revoke mLegitymacja?</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmRevokeScreen.qml" line="22"/>
        <source>mLegitymacja w Twoim telefonie przestanie działać. Potem możesz zamówić nową.</source>
        <translation>The mLegitymacja on your phone will stop working. You can order a new one afterwards.</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmRevokeScreen.qml" line="33"/>
        <source>Nie, wróć</source>
        <translation>No, go back</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmRevokeScreen.qml" line="39"/>
        <source>Tak, unieważnij</source>
        <translation>Yes, revoke</translation>
    </message>
</context>
<context>
    <name>ExistingOrderScreen</name>
    <message>
        <location filename="../qml/ExistingOrderScreen.qml" line="19"/>
        <source>Masz już zamówioną mLegitymację</source>
        <translation>You have already ordered mLegitymacja</translation>
    </message>
    <message>
        <location filename="../qml/ExistingOrderScreen.qml" line="26"/>
        <source>Stan zamówienia: %1</source>
        <translation>Order status: %1</translation>
    </message>
    <message>
        <location filename="../qml/ExistingOrderScreen.qml" line="32"/>
        <source>Data zamówienia: %1</source>
        <translation>Order date: %1</translation>
    </message>
    <message>
        <location filename="../qml/ExistingOrderScreen.qml" line="39"/>
        <source>Oczekujące</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../qml/ExistingOrderScreen.qml" line="39"/>
        <source>W toku</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../qml/ExistingOrderScreen.qml" line="39"/>
        <source>Gotowe</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../qml/ExistingOrderScreen.qml" line="43"/>
        <source>Możesz poczekać na realizację albo anulować zamówienie.</source>
        <translation>You can wait for it to be issued or cancel the order.</translation>
    </message>
    <message>
        <location filename="../qml/ExistingOrderScreen.qml" line="53"/>
        <source>Anuluj zamówienie</source>
        <translation>Cancel the order</translation>
    </message>
    <message>
        <location filename="../qml/ExistingOrderScreen.qml" line="60"/>
        <source>Unieważnij mLegitymację</source>
        <translation>Revoke mLegitymacja</translation>
    </message>
    <message>
        <location filename="../qml/ExistingOrderScreen.qml" line="66"/>
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
        <location filename="../qml/GoodbyeScreen.qml" line="16"/>
        <source>Wyjmij kartę z czytnika</source>
        <translation>Take your card out of the reader</translation>
    </message>
    <message>
        <location filename="../qml/GoodbyeScreen.qml" line="17"/>
        <source>Dziękujemy! Nie zapomnij legitymacji.</source>
        <translation>Thank you! Don&apos;t forget your card.</translation>
    </message>
    <message>
        <location filename="../qml/GoodbyeScreen.qml" line="18"/>
        <source>Ekran wróci do początku za %1 s</source>
        <translation>This screen resets in %1 s</translation>
    </message>
    <message>
        <source>Wyjmij legitymację z czytnika</source>
        <translation>Take your student ID card out of the reader</translation>
    </message>
    <message>
        <source>Zamówienie anulowane.</source>
        <translation>Order cancelled.</translation>
    </message>
    <message>
        <source>mLegitymacja unieważniona.</source>
        <translation>mLegitymacja revoked.</translation>
    </message>
    <message>
        <source>Nie zapomnij legitymacji.</source>
        <translation>Don't forget your student ID card.</translation>
    </message>
    <message>
        <source>Ekran zamknie się za %1 s</source>
        <translation>The screen closes in %1 s</translation>
    </message>
</context>
<context>
    <name>IdleScreen</name>
    <message>
        <location filename="../qml/IdleScreen.qml" line="28"/>
        <source>Włóż legitymację studencką do czytnika</source>
        <translation>Insert your student ID card into the reader</translation>
    </message>
    <message>
        <location filename="../qml/IdleScreen.qml" line="31"/>
        <source>Zamówisz tu mLegitymację — legitymację studencką w aplikacji mObywatel.</source>
        <translation>Order mLegitymacja here — your student ID in the mObywatel app.</translation>
    </message>
    <message>
        <location filename="../qml/IdleScreen.qml" line="59"/>
        <source>Kto może zamówić?</source>
        <translation>Who can order?</translation>
    </message>
    <message>
        <location filename="../qml/IdleScreen.qml" line="64"/>
        <source>aktywni studenci,</source>
        <translation>active students,</translation>
    </message>
    <message>
        <location filename="../qml/IdleScreen.qml" line="65"/>
        <source>z numerem PESEL i numerem albumu w USOS,</source>
        <translation>with a PESEL number and a student number in USOS,</translation>
    </message>
    <message>
        <location filename="../qml/IdleScreen.qml" line="66"/>
        <source>ze zdjęciem w USOS,</source>
        <translation>with a photo in USOS,</translation>
    </message>
    <message>
        <location filename="../qml/IdleScreen.qml" line="67"/>
        <source>z przedłużoną plastikową legitymacją,</source>
        <translation>with an extended plastic student ID card,</translation>
    </message>
    <message>
        <location filename="../qml/IdleScreen.qml" line="68"/>
        <source>których dane osobowe nie zmieniły się od wydania legitymacji.</source>
        <translation>whose personal data have not changed since the card was issued.</translation>
    </message>
</context>
<context>
    <name>KioskHeader</name>
    <message>
        <location filename="../qml/KioskHeader.qml" line="35"/>
        <source>Kiosk legitymacji studenckiej</source>
        <translation>Student ID card kiosk</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="14"/>
        <source>Kiosk mLegitymacji</source>
        <translation>mLegitymacja kiosk</translation>
    </message>
</context>
<context>
    <name>OrderInProgressScreen</name>
    <message>
        <location filename="../qml/OrderInProgressScreen.qml" line="19"/>
        <source>Zamawiamy Twoją mLegitymację</source>
        <translation>Ordering your mLegitymacja</translation>
    </message>
    <message>
        <location filename="../qml/OrderInProgressScreen.qml" line="29"/>
        <source>Oczekujące</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../qml/OrderInProgressScreen.qml" line="29"/>
        <source>W toku</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../qml/OrderInProgressScreen.qml" line="29"/>
        <source>Gotowe</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../qml/OrderInProgressScreen.qml" line="32"/>
        <source>Trwa realizacja zamówienia</source>
        <translation>Order in progress</translation>
    </message>
    <message>
        <location filename="../qml/OrderInProgressScreen.qml" line="36"/>
        <source>To zwykle trwa kilka sekund. Nie wyjmuj karty.</source>
        <translation>This usually takes a few seconds. Leave your card in.</translation>
    </message>
    <message>
        <location filename="../qml/OrderInProgressScreen.qml" line="42"/>
        <source>Anuluj zamówienie</source>
        <translation>Cancel the order</translation>
    </message>
    <message>
        <source>To zwykle trwa kilka sekund. Nie wyjmuj legitymacji.</source>
        <translation>This usually takes a few seconds. Leave your student ID card in.</translation>
    </message>
</context>
<context>
    <name>ProblemScreen</name>
    <message>
        <location filename="../qml/ProblemScreen.qml" line="24"/>
        <source>Gdy skończysz, wyjmij kartę z czytnika.</source>
        <translation>When you are done, take your card out of the reader.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemScreen.qml" line="31"/>
        <source>Zakończ</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>ReaderMissingScreen</name>
    <message>
        <location filename="../qml/ReaderMissingScreen.qml" line="16"/>
        <source>Czytnik kart jest niedostępny</source>
        <translation>The card reader is unavailable</translation>
    </message>
    <message>
        <location filename="../qml/ReaderMissingScreen.qml" line="17"/>
        <source>Kiosk próbuje go przywrócić i wróci do pracy sam. Jeśli to potrwa, zgłoś to obsłudze.</source>
        <translation>The kiosk is trying to bring it back and will resume by itself. If this lasts, please tell the staff.</translation>
    </message>
    <message>
        <location filename="../qml/ReaderMissingScreen.qml" line="18"/>
        <source>mLegitymację możesz też zamówić w USOSweb.</source>
        <translation>You can also order mLegitymacja in USOSweb.</translation>
    </message>
</context>
<context>
    <name>ReadingScreen</name>
    <message>
        <location filename="../qml/ReadingScreen.qml" line="18"/>
        <source>Trwa odczyt</source>
        <translation>Reading</translation>
    </message>
    <message>
        <location filename="../qml/ReadingScreen.qml" line="23"/>
        <source>Sprawdzam legitymację…</source>
        <translation>Checking your card…</translation>
    </message>
    <message>
        <location filename="../qml/ReadingScreen.qml" line="27"/>
        <source>Nie wyjmuj karty z czytnika.</source>
        <translation>Leave your card in the reader.</translation>
    </message>
</context>
<context>
    <name>ReadyScreen</name>
    <message>
        <location filename="../qml/ReadyScreen.qml" line="20"/>
        <source>Twoja mLegitymacja jest gotowa</source>
        <translation>Your mLegitymacja is ready</translation>
    </message>
    <message>
        <location filename="../qml/ReadyScreen.qml" line="40"/>
        <source>Kod QR do zeskanowania w aplikacji mObywatel</source>
        <translation>QR code to scan in the mObywatel app</translation>
    </message>
    <message>
        <location filename="../qml/ReadyScreen.qml" line="58"/>
        <source>Kod aktywacyjny</source>
        <translation>Activation code</translation>
    </message>
    <message>
        <location filename="../qml/ReadyScreen.qml" line="71"/>
        <source>Kod aktywacyjny: %1</source>
        <translation>Activation code: %1</translation>
    </message>
    <message>
        <location filename="../qml/ReadyScreen.qml" line="90"/>
        <source>Data zamówienia:</source>
        <translation>Order date:</translation>
    </message>
    <message>
        <location filename="../qml/ReadyScreen.qml" line="92"/>
        <source>Termin ważności:</source>
        <translation>Valid until:</translation>
    </message>
    <message>
        <location filename="../qml/ReadyScreen.qml" line="118"/>
        <source>Kod QR ze stroną pobierania aplikacji mObywatel</source>
        <translation>QR code with the mObywatel download page</translation>
    </message>
    <message>
        <location filename="../qml/ReadyScreen.qml" line="125"/>
        <source>Nie masz aplikacji mObywatel? Zeskanuj ten kod, aby ją pobrać:</source>
        <translation>No mObywatel app yet? Scan this code to download it:</translation>
    </message>
    <message>
        <location filename="../qml/ReadyScreen.qml" line="144"/>
        <source>Gotowe</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../qml/ReadyScreen.qml" line="151"/>
        <source>Ekran zamknie się za %1 s</source>
        <translation>This screen closes in %1 s</translation>
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
    <name>OutOfServiceScreen</name>
    <message>
        <location filename="../qml/OutOfServiceScreen.qml" line="18"/>
        <source>Kiosk jest nieczynny</source>
        <translation>This kiosk is out of service</translation>
    </message>
    <message>
        <location filename="../qml/OutOfServiceScreen.qml" line="19"/>
        <source>Zamów mLegitymację w USOSweb albo skorzystaj z innego kiosku.</source>
        <translation>Order mLegitymacja in USOSweb or use another kiosk.</translation>
    </message>
    <message>
        <location filename="../qml/OutOfServiceScreen.qml" line="20"/>
        <source>Kod dla obsługi: %1</source>
        <translation>Code for the staff: %1</translation>
    </message>
</context>
<context>
    <name>ServiceUnavailableScreen</name>
    <message>
        <location filename="../qml/ServiceUnavailableScreen.qml" line="16"/>
        <source>USOS jest chwilowo niedostępny</source>
        <translation>USOS is unavailable right now</translation>
    </message>
    <message>
        <location filename="../qml/ServiceUnavailableScreen.qml" line="17"/>
        <source>Kiosk ponowi próbę za chwilę. Możesz też spróbować później albo zamówić mLegitymację w USOSweb.</source>
        <translation>The kiosk will try again shortly. You can also come back later or order mLegitymacja in USOSweb.</translation>
    </message>
    <message>
        <location filename="../qml/ServiceUnavailableScreen.qml" line="18"/>
        <source>Wyjmij kartę, jeśli nie chcesz czekać.</source>
        <translation>Take your card out if you do not want to wait.</translation>
    </message>
</context>
<context>
    <name>SpeechBar</name>
    <message>
        <source>Wyłącz mowę</source>
        <translation>Speech off</translation>
    </message>
    <message>
        <source>Włącz mowę</source>
        <translation>Speech on</translation>
    </message>
    <message>
        <source>Czyta ekran na głos</source>
        <translation>Reads the screen aloud</translation>
    </message>
    <message>
        <source>Przeczytaj kod</source>
        <translation>Read the code</translation>
    </message>
</context>
<context>
    <name>StepList</name>
    <message>
        <location filename="../qml/StepList.qml" line="64"/>
        <source>Zrobione: </source>
        <translation>Done: </translation>
    </message>
    <message>
        <location filename="../qml/StepList.qml" line="65"/>
        <source>Teraz: </source>
        <translation>Now: </translation>
    </message>
</context>
<context>
    <name>TimeoutBar</name>
    <message>
        <source>Ekran zamknie się za %1 s</source>
        <translation>The screen closes in %1 s</translation>
    </message>
    <message>
        <source>Więcej czasu</source>
        <translation>More time</translation>
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
</TS>
