//! The enumerated code lists of iWmo 3.2 (spec §4.2 and §4.3), one enum per `LDT_*` list, and
//! the two code lists of iEb 4.0 (WMO405/WMO406) where they differ from iWmo's.
//!
//! Codes are strings on the wire (`"01"` is not `1`): [`from_code`](Geslacht::from_code) takes the
//! exact lexical value (these are `xs:string` types, whose whitespace is preserved) and
//! `code()` gives it back. Codes and Dutch meanings are those of the specification tables
//! (`iwmo-3.2-messages.md` §4.2, §4.3); the 249 `LDT_LandCode` values are the basisschema's
//! enumeration, which the specification does not list one by one.
//!
//! iEb 4.0 (our `schemas/ieb/4.0`, choices `[Cn]` in `schemas/ieb/README.md`) has its own
//! `LDT_StatusAanlevering` and `LDT_RetourCode`, and neither equals the iWmo list of the same
//! name, so each has its own type: [`IebStatusAanlevering`] allows 1, 2 and 3 only (no 9, C6)
//! and 2 means "replaces the delivery with the same key" (OP033); [`IebRetourCode`] is any
//! four digits or capitals (C5), because EB001 is known only in part, with the known codes as
//! constants. The other iEb datatypes (BSN, dates, amounts) are the iWmo ones (C4).

use std::fmt;

use crate::error::ModelError;

/// Crate-private access to every code list, for the XML reader.
pub(crate) trait Code: Sized + Copy {
    fn parse(code: &str) -> Result<Self, ModelError>;
    fn wire(self) -> &'static str;
}

macro_rules! code_list {
    ($(#[$doc:meta])* $name:ident, $ldt:literal, $list:literal { $($variant:ident = $code:literal => $meaning:literal,)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $(#[doc = concat!("`", $code, "`: ", $meaning)] $variant,)+
        }

        impl $name {
            /// Every variant, in code-list order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The basisschema type that carries this list.
            pub const XSD_TYPE: &'static str = $ldt;
            /// The identifier of the code list in the iStandaarden informatiemodel.
            pub const CODE_LIST: &'static str = $list;

            /// The code as it is written in a message.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }

            /// The Dutch meaning of the code, as the standard documents it.
            pub fn meaning(self) -> &'static str {
                match self { $($name::$variant => $meaning,)+ }
            }

            /// The variant for an exact code; anything else is [`ModelError::UnknownCode`].
            pub fn from_code(code: &str) -> Result<Self, ModelError> {
                match code {
                    $($code => Ok($name::$variant),)+
                    _ => Err(ModelError::UnknownCode { list: $ldt, code: code.to_string() }),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }

        impl Code for $name {
            fn parse(code: &str) -> Result<Self, ModelError> {
                Self::from_code(code)
            }
            fn wire(self) -> &'static str {
                self.code()
            }
        }

        // Stored as the code on the wire, so a stored state reads the same after a variant is
        // renamed or the list is reordered.
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let code = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                Self::from_code(&code).map_err(serde::de::Error::custom)
            }
        }
    };
}

code_list! {
    /// Geslacht van een persoon. `LDT_Geslacht`, code list COD046.
    Geslacht, "LDT_Geslacht", "COD046" {
        Onbekend = "0" => "Onbekend",
        Mannelijk = "1" => "Mannelijk",
        Vrouwelijk = "2" => "Vrouwelijk",
    }
}

code_list! {
    /// Eenheid waarin een volume is uitgedrukt. `LDT_Eenheid`, code list WJ756.
    Eenheid, "LDT_Eenheid", "WJ756" {
        Minuut = "01" => "Minuut",
        Uur = "04" => "Uur",
        Etmaal = "14" => "Etmaal",
        Dagdeel = "16" => "Dagdeel (4 uur)",
        StuksOutput = "82" => "Stuks (output)",
        Euros = "83" => "Euro's",
        StuksInspanning = "84" => "Stuks (inspanning)",
    }
}

code_list! {
    /// Frequentie van een omvang. `LDT_Frequentie`, code list WMO757.
    Frequentie, "LDT_Frequentie", "WMO757" {
        PerDag = "1" => "Per dag",
        PerWeek = "2" => "Per week",
        PerMaand = "4" => "Per maand",
        TotaalBinnenGeldigheidsduur = "6" => "Totaal binnen geldigheidsduur toewijzing",
    }
}

code_list! {
    /// Reden van wijziging van een toewijzing. `LDT_RedenWijziging`, code list WMO002.
    RedenWijziging, "LDT_RedenWijziging", "WMO002" {
        AdministratieveCorrectieVervallen = "01" => "Administratieve correctie (vervallen)",
        ClientOverleden = "02" => "Client overleden",
        Contractwijziging = "03" => "Contractwijziging",
        HerbeoordelingVerlenging = "04" => "Herbeoordeling: verlenging toewijzing",
        HerbeoordelingVerkorting = "05" => "Herbeoordeling: verkorting toewijzing",
        UitstroomAnderDomein = "06" => "Uitstroom naar ander domein",
        VerhuizingAndereGemeente = "07" => "Verhuizing naar een andere gemeente",
        WijzigingLeveringsvorm = "08" => "Wijziging leveringsvorm",
        OverstapAndereAanbieder = "09" => "Overstap naar andere aanbieder",
        NieuweBekostigingssystematiek = "10" => "Overgang naar nieuwe bekostigingssystematiek",
        GemeentelijkeHerindeling = "11" => "Gemeentelijke herindeling",
        GeinitieerdDoorAanbieder = "12" => "Geinitieerd door de aanbieder",
        Verwijderd = "13" => "Verwijderd",
        AdministratieveCorrectie = "14" => "Administratieve correctie",
    }
}

code_list! {
    /// Reden van beeindiging van een levering. `LDT_RedenBeeindiging`, code list WMO588.
    RedenBeeindiging, "LDT_RedenBeeindiging", "WMO588" {
        Overlijden = "02" => "Overlijden",
        VolgensPlanBeeindigd = "19" => "Levering volgens plan beeindigd",
        TijdelijkBeeindigd = "20" => "Levering is tijdelijk beeindigd",
        EenzijdigDoorClient = "21" => "Levering is eenzijdig door client beeindigd",
        EenzijdigDoorAanbieder = "22" => "Levering is eenzijdig door aanbieder beeindigd",
        InOvereenstemmingVoortijdig = "23" => "Levering is in overeenstemming voortijdig beeindigd",
        VerhuizingAndereGemeente = "31" => "Verhuizing naar een andere gemeente",
        GeinitieerdDoorGemeente = "36" => "Geinitieerd door de gemeente",
        Wijzigingsverzoek = "37" => "In verband met wijzigingsverzoek",
        OverstapAndereAanbieder = "38" => "Overstap naar andere aanbieder",
        UitstroomAnderDomein = "39" => "Uitstroom naar ander domein",
    }
}

code_list! {
    /// Status van de aanlevering van een berichtklasse. `LDT_StatusAanlevering`, code list COD467.
    StatusAanlevering, "LDT_StatusAanlevering", "COD467" {
        EersteAanlevering = "1" => "Eerste aanlevering",
        GewijzigdeAanlevering = "2" => "Gewijzigde aanlevering",
        VerwijderenAanlevering = "3" => "Verwijderen aanlevering",
        NietVanToepassing = "9" => "Niet van toepassing (ongewijzigd)",
    }
}

code_list! {
    /// Categorie van een Wmo-product. `LDT_ProductCategorie`, code list WMO020.
    ProductCategorie, "LDT_ProductCategorie", "WMO020" {
        HulpBijHetHuishouden = "01" => "Hulp bij het huishouden",
        Begeleiding = "02" => "Begeleiding",
        PersoonlijkeVerzorging = "03" => "Persoonlijke verzorging",
        KortdurendVerblijf = "04" => "Kortdurend verblijf",
        Woondiensten = "05" => "Woondiensten",
        OverigeIndividueleOndersteuning = "06" => "Overige ondersteuning gericht op het individu of huishouden/gezin",
        Dagbesteding = "07" => "Dagbesteding",
        Vervoerdiensten = "08" => "Vervoerdiensten",
        OverigeGroepsgerichteOndersteuning = "09" => "Overige groepsgerichte ondersteuning",
        OverigeMaatwerkArrangementen = "10" => "Overige maatwerk arrangementen",
        Rolstoelen = "11" => "Rolstoelen",
        Vervoervoorzieningen = "12" => "Vervoervoorzieningen",
        Woonvoorzieningen = "13" => "Woonvoorzieningen",
        OverigeHulpmiddelen = "14" => "Overige hulpmiddelen",
        BeschermdWonen = "15" => "Beschermd wonen",
        Opvang = "16" => "Opvang",
        Spoedopvang = "17" => "Spoedopvang",
        OverigeBeschermdWonenEnOpvang = "18" => "Overige beschermd wonen en opvang",
    }
}

code_list! {
    /// Teken van een bedrag. `LDT_DebetCredit`, code list COD043.
    DebetCredit, "LDT_DebetCredit", "COD043" {
        Credit = "C" => "Creditbedrag en aantal",
        Debet = "D" => "Debetbedrag en aantal",
    }
}

code_list! {
    /// Reden van een verzoek om wijziging. `LDT_RedenVerzoek`, code list WJ758.
    RedenVerzoek, "LDT_RedenVerzoek", "WJ758" {
        VeranderingClientsituatie = "1" => "Verandering clientsituatie",
        WijzigingZorgplan = "2" => "Wijziging zorgplan",
    }
}

code_list! {
    /// Antwoord op een verzoek om toewijzing of wijziging. `LDT_VerzoekAntwoord`, code list WJ760.
    VerzoekAntwoord, "LDT_VerzoekAntwoord", "WJ760" {
        VerzoekAfgewezen = "1" => "Verzoek afgewezen",
        AanvraagInOnderzoek = "2" => "Aanvraag in onderzoek",
    }
}

code_list! {
    /// Reden van afwijzing van een verzoek. `LDT_RedenAfwijzingVerzoek`, code list WJ759.
    RedenAfwijzingVerzoek, "LDT_RedenAfwijzingVerzoek", "WJ759" {
        NieuweAanvraag = "1" => "Geen wijziging, maar nieuwe aanvraag",
        PastNietBinnenBudget = "2" => "Past niet binnen budget",
        GeenContract = "3" => "Geen contract",
        PastNietBinnenContract = "4" => "Past niet binnen contract",
        AndereGemeente = "5" => "Andere gemeente",
        Stapeling = "6" => "Stapeling",
        ZorginhoudelijkeAfkeur = "7" => "Zorginhoudelijke afkeur",
        Woonplaatsbeginsel = "8" => "Woonplaatsbeginsel",
        LeeftijdsgrensBereikt = "9" => "Leeftijdsgrens is bereikt",
    }
}

code_list! {
    /// Ja of nee. `LDT_JaNee`, code list COD260.
    JaNee, "LDT_JaNee", "COD260" {
        Ja = "1" => "Ja",
        Nee = "2" => "Nee",
    }
}

code_list! {
    /// Soort verwijzer. `LDT_TypeVerwijzer`, code list COD327.
    TypeVerwijzer, "LDT_TypeVerwijzer", "COD327" {
        Gemeente = "01" => "Gemeente",
        Huisarts = "02" => "Huisarts",
        Jeugdarts = "03" => "Jeugdarts",
        GecertificeerdeInstelling = "04" => "Gecertificeerde instelling",
        MedischSpecialist = "05" => "Medisch specialist",
        Zelfverwijzer = "06" => "Zelfverwijzer/geen verwijzer",
        Justitie = "08" => "Rechter, Officier van Justitie, functionaris Justitiele jeugdinrichting",
    }
}

code_list! {
    /// Soort adres. `LDT_AdresSoort`, code list COD757.
    AdresSoort, "LDT_AdresSoort", "COD757" {
        BrpAdres = "01" => "BRP-adres",
        Correspondentieadres = "02" => "Correspondentie-adres",
        Verblijfadres = "03" => "Verblijfadres",
        TijdelijkVerblijfadres = "04" => "Tijdelijk verblijfadres",
    }
}

code_list! {
    /// Aanduiding bij een huisnummer. `LDT_AanduidingWoonadres`, code list NUM061.
    AanduidingWoonadres, "LDT_AanduidingWoonadres", "NUM061" {
        AanBoord = "AB" => "Aan boord",
        Bij = "BY" => "Bij",
        Tegenover = "TO" => "Tegenover",
        Woonwagen = "WW" => "Woonwagen",
    }
}

code_list! {
    /// Vorm van communicatie (tolk). `LDT_Communicatievorm`, code list COD747.
    Communicatievorm, "LDT_Communicatievorm", "COD747" {
        TolkTaal = "1" => "Tolk taal",
        Doventolk = "2" => "Doventolk",
        Doofblindentolk = "3" => "Doofblindentolk",
    }
}

code_list! {
    /// Welk deel van een datum bekend is. `LDT_DatumGebruik`, code list COD170.
    DatumGebruik, "LDT_DatumGebruik", "COD170" {
        DagOnbekend = "1" => "dag onbekend; alleen maand en jaar gebruiken",
        DagEnMaandOnbekend = "2" => "dag en maand onbekend; alleen jaar gebruiken",
        DatumOnbekend = "3" => "dag, maand en jaar onbekend; onbekende datum",
    }
}

code_list! {
    /// Hoe een persoon aangeschreven wil worden. `LDT_NaamGebruik`, code list COD700.
    NaamGebruik, "LDT_NaamGebruik", "COD700" {
        EigenNaam = "1" => "Eigen naam",
        NaamPartner = "2" => "Naam echtgenoot of geregistreerd partner of alternatieve naam",
        NaamPartnerEigenNaam = "3" => "Naam echtgenoot of geregistreerd partner gevolgd door eigen naam",
        EigenNaamNaamPartner = "4" => "Eigen naam gevolgd door naam echtgenoot of geregistreerd partner",
        Pseudoniem = "5" => "Pseudoniem",
        NietNatuurlijkPersoon = "6" => "Niet-natuurlijk persoon",
    }
}

code_list! {
    /// Juridische status van een client. `LDT_JuridischeStatus`, code list WJ232.
    JuridischeStatus, "LDT_JuridischeStatus", "WJ232" {
        RmVoorlopigVoortgezet = "01" => "Rechterlijke machtiging (rm) voorlopig / voortgezette machtiging",
        RmOpEigenVerzoek = "02" => "RM op eigen verzoek",
        RmVoorwaardelijkOntslag = "03" => "RM met voorwaardelijk ontslag",
        OnderToezichtstelling = "04" => "Onder toezichtstelling (ots)",
        InBewaringStelling = "05" => "In bewaring stelling (ibs)",
        Tbs = "11" => "Strafrechterlijke justitiele contacten: tbs",
        StrafrechterlijkOverig = "12" => "Strafrechterlijke justitiele contacten: overig",
    }
}

code_list! {
    /// Soort wettelijke vertegenwoordiging. `LDT_WettelijkeVertegenwoordiging`, code list WJ003.
    WettelijkeVertegenwoordiging, "LDT_WettelijkeVertegenwoordiging", "WJ003" {
        Voogdij = "06" => "Voogdij",
        Bewindvoering = "07" => "Bewindvoering",
        Mentorschap = "08" => "Mentorschap",
        OnderCurateleStelling = "09" => "Onder curatele stelling",
        Zaakwaarneming = "10" => "Zaakwaarneming",
    }
}

code_list! {
    /// Soort relatie van een persoon tot de client. `LDT_SoortRelatie`, code list COD472.
    SoortRelatie, "LDT_SoortRelatie", "COD472" {
        Curator = "03" => "Curator (juridisch)",
        FinancieelGemachtigd = "04" => "Financieel (gemachtigd)",
        FinancieelToetsing = "05" => "Financieel (toetsing)",
        Leefeenheid = "06" => "Leefeenheid",
        Hulpverlener = "07" => "Hulpverlener",
        Specialist = "08" => "Specialist",
        Anders = "09" => "Anders",
        Ouder = "10" => "Ouder",
        Voogd = "11" => "Voogd",
        Partner = "12" => "Partner/echtgeno(o)t(e)",
        Pleegouder = "13" => "Pleegouder",
        Bewindvoerder = "14" => "Bewindvoerder",
        Mentor = "15" => "Mentor",
        ZoonDochter = "16" => "Zoon/dochter",
        Familielid = "17" => "Familielid",
        Gezinslid = "18" => "Gezinslid",
        Buur = "19" => "Buur",
        VriendKennis = "20" => "Vriend(in)/kennis",
        Clientondersteuner = "21" => "Clientondersteuner",
        Huisarts = "22" => "Huisarts",
        ErvenVan = "23" => "Erven van",
        Werkgever = "24" => "Werkgever",
        Wijkcoach = "25" => "Wijkcoach",
    }
}

code_list! {
    /// Retourcode: het oordeel van de ontvanger over een bericht of berichtklasse. Variant `RNNNN` is code `NNNN`. `LDT_RetourCode`, code list WJ001.
    RetourCode, "LDT_RetourCode", "WJ001" {
        R0001 = "0001" => "Bericht is afgekeurd om technische redenen.",
        R0200 = "0200" => "Geen opmerking over deze berichtklasse.",
        R0233 = "0233" => "Berichtklasse is niet beoordeeld.",
        R0611 = "0611" => "Het ingediende tarief komt niet overeen met het contractuele tarief",
        R8001 = "8001" => "Declaratie is volledig toegewezen.",
        R8017 = "8017" => "Van deze credit prestatie is geen debet prestatie bekend.",
        R8021 = "8021" => "Referentienummer prestatie is reeds aangeleverd.",
        R8187 = "8187" => "De prestatie hoort niet bij deze client.",
        R8214 = "8214" => "DeclaratiePeriode is niet de kalendermaand die volgt op voorgaande DeclaratiePeriode terwijl iedere declaratieperiode zorg geleverd is.",
        R8848 = "8848" => "Dagtekening moet gelijk zijn aan of voor de systeemdatum liggen.",
        R9019 = "9019" => "Het regie bericht kan niet gekoppeld worden aan een toewijzing.",
        R9056 = "9056" => "Identificatie moet per berichtsoort uniek zijn voor de verzendende partij.",
        R9063 = "9063" => "Het bericht kan niet verwerkt worden omdat geen eerder bericht ontvangen is.",
        R9069 = "9069" => "Er is geen actueel startbericht met dezelfde sleutel.",
        R9071 = "9071" => "Het eerdere start bericht kan niet verwijderd worden omdat de zorg al beeindigd is",
        R9074 = "9074" => "Er is al een eerder bericht ontvangen met dezelfde sleutel.",
        R9307 = "9307" => "Begindatum prestatie ligt niet tussen de ingangsdatum en einddatum toewijzing",
        R9308 = "9308" => "Einddatum prestatie ligt niet tussen de ingangsdatum en einddatum toewijzing",
        R9319 = "9319" => "De ProductPeriode valt niet geheel binnen een DeclaratiePeriode.",
        R9321 = "9321" => "Het ingediende volume overschrijdt het toegewezen volume.",
        R9322 = "9322" => "De som van de ingediende volumes overschrijdt het  toegewezen volume",
        R9326 = "9326" => "De actuele levering is nog niet gestopt met een Stopbericht.",
        R9332 = "9332" => "Toewijzing heeft geen uniek nummer binnen wettelijk domein.",
        R9333 = "9333" => "Declaratienummer is niet uniek",
        R9338 = "9338" => "Niet iedere prestatie in een declaratiebericht is gerelateerd aan een toegewezen product op basis van het toewijzingnummer",
        R9339 = "9339" => "ProductCategorie in de prestatie is niet gelijk aan ProductCategorie in het ToegewezenProduct.",
        R9340 = "9340" => "ProductCode in de Prestatie is niet gelijk aan ProductCode in het ToegewezenProduct.",
        R9341 = "9341" => "Eenheid in de Prestatie past niet bij Eenheid in het ToegewezenProduct",
        R9346 = "9346" => "Eenheid is ongelijk is aan waarde 83 (Euro's), maar IngediendBedrag is niet gelijk aan GeleverdVolume vermenigvuldigd met (het onafgeronde) ProductTarief.",
        R9347 = "9347" => "ReferentieAanbieder is niet uniek voor de aanbieder binnen het wettelijk domein",
        R9349 = "9349" => "Het VOW bericht bevat niet alle actuele toegewezen producten van de client, hetzij in OngewijzigdProduct, hetzij in TeWijzigenProduct",
        R9350 = "9350" => "OngewijzigdProduct is niet gerelateerd aan een actueel toegewezen product op basis van het toewijzingnummer.",
        R9351 = "9351" => "TeWijzigenProduct is niet gerelateerd aan een actuele toewijzing op basis van ToewijzingNummer.",
        R9355 = "9355" => "ReferentieAanbieder in het antwoordbericht komt niet voor in een eerder verzoek om toewijzing of verzoek om wijziging",
        R9357 = "9357" => "GewensteIngangsdatum is kleiner dan of gelijk aan de dagtekening, maar niet gelijk aan de ingangsdatum van het originele ToegewezenProduct.",
        R9359 = "9359" => "Er is al een toewijzing gestuurd met deze ReferentieAanbieder.",
        R9360 = "9360" => "Er is al een antwoordbericht met deze ReferentieAanbieder, terwijl antwoordbericht in VerzoekAntwoord waarde 2 (aanvraag in onderzoek) heeft.",
        R9361 = "9361" => "Het product komt vaker voor met overlappende zorgperiodes.",
        R9365 = "9365" => "Er is al een antwoordbericht met dezelfde ReferentieAanbieder waar VerzoekAntwoord niet de waarde 'Aanvraag in onderzoek' heeft.",
        R9366 = "9366" => "ProductReferentie komt niet voor in een Declaratiebericht",
        R9367 = "9367" => "De waarde komt niet overeen met de waarde uit heenbericht met gelijke ProductReferentie",
        R9369 = "9369" => "Budget is meegegeven, maar de som van GeleverdVolume in alle ingediende Prestaties passen niet binnen het toegewezen Budget.",
        R9373 = "9373" => "Budget is gewijzigd, maar GewensteIngangsdatum is niet gelijk aan die in de actuele toewijzing",
        R9374 = "9374" => "Er is al een verzoek onderhanden.",
        R9375 = "9375" => "Omvang is gevuld, terwijl Product in toewijzing met ToewijzingNummer leeg is en Einddatum groter dan 31-12-2020 of leeg is",
        R9379 = "9379" => "ReferentieAanbieder refereert niet naar een verzoek om toewijzing of verzoek om wijziging, is onterecht gevuld",
        R9384 = "9384" => "Declaratie op toewijzing met RedenWijziging \"13\" (Verwijderd)",
        R9385 = "9385" => "Toewijzing heeft goedgekeurde declaratieregels",
        R9387 = "9387" => "Begindatum van de ProductPeriode is niet eerste dag van de kalendermaand waarop ProductPeriode betrekking heeft en Ingangsdatum van de toewijzing ligt niet later in deze betreffende maand",
        R9388 = "9388" => "Einddatum van de ProductPeriode is niet laatste dag van de kalendermaand waarop ProductPeriode betrekking heeft en Einddatum van de toewijzing ligt niet eerder in deze betreffende maand.",
        R9389 = "9389" => "Deze prestatie heeft een debetprestatie zonder bijbehorende creditprestatie",
        R9390 = "9390" => "Er is al een Prestatie met gelijk ProductReferentie met waarde Credit",
        R9411 = "9411" => "Omvang is leeg, terwijl Code in Product bij de toewijzing met ToewijzingNummer gevuld is.",
        R9412 = "9412" => "Omvang is niet leeg, terwijl Code in Product bij de toewijzing met ToewijzingNummer leeg is en einddatum groter dan 31-12-2020 of leeg is",
        R9413 = "9413" => "StatusAanlevering is waarde 1 of 2 en RedenBeeindiging heeft waarde 20, terwijl er al een ander StopProduct met hetzelfde Bsn, ToewijzingNummer, Begindatum en RedenBeeindiging waarde 20 is.",
        R9414 = "9414" => "Einddatum is niet >= aan Einddatum uit actuele StopProduct met gelijk Bsn, ToewijzingNummer en Begindatum",
        R9415 = "9415" => "Er is al een StopProduct met gelijk Bsn, ToewijzingNummer, Begindatum en RedenBeeindiging <> waarde 20 en StatusAanlevering heeft waarde 1 of 2.",
        RS300 = "S300" => "Gemeentecode komt niet voor in de lijst van CBS.",
        RS329 = "S329" => "ProductCode hoort niet bij de ProductCategorie.",
    }
}

code_list! {
    /// Status van de aanlevering in iEb 4.0 (WMO405/WMO406), after iEb OP033. `ieb:LDT_StatusAanlevering`: COD467 without 9 (`schemas/ieb` C6); not [`StatusAanlevering`], which allows 9 and whose 2 iWmo rejects in 305/307 (CS058).
    IebStatusAanlevering, "ieb:LDT_StatusAanlevering", "COD467" {
        EersteAanlevering = "1" => "Eerste aanlevering",
        GewijzigdeAanlevering = "2" => "Gewijzigde aanlevering: vervangt de actuele aanlevering met dezelfde sleutel (EbStartNummer)",
        VerwijderenAanlevering = "3" => "Verwijderen aanlevering: eerdere aanleveringen met deze sleutel gelden als niet verzonden",
    }
}

/// A retourcode of iEb 4.0 (code list EB001), as WMO406 carries it. `ieb:LDT_RetourCode`.
///
/// Not an enum: EB001 is known only in part (spec `ieb-wmo405.md` §7, §8.4), so our schema
/// accepts any four digits or capital letters (`schemas/ieb` C5) and so does this type; a code
/// from the unknown rest of EB001 reads and writes like any other. The known codes are
/// constants (`IebRetourCode::R9103`), usable in patterns, with [`meaning`](Self::meaning).
/// Not the iWmo [`RetourCode`] (WJ001): the lists differ (9103, 9104, 9393, 9395, S333 are
/// iEb's).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IebRetourCode([u8; 4]);

/// The four bytes of a four-character code, for the constants (evaluated at compile time).
const fn four(code: &str) -> [u8; 4] {
    let b = code.as_bytes();
    [b[0], b[1], b[2], b[3]]
}

macro_rules! eb001 {
    ($($name:ident = $code:literal => $meaning:literal,)+) => {
        impl ProductCategorie {
    /// Hulpmiddelen, categories 11 to 14, which the standard's overlap rules exempt (TR302,
    /// TR386, TR410, as the official stylesheet does).
    pub fn is_hulpmiddel(self) -> bool {
        matches!(
            self,
            ProductCategorie::Rolstoelen
                | ProductCategorie::Vervoervoorzieningen
                | ProductCategorie::Woonvoorzieningen
                | ProductCategorie::OverigeHulpmiddelen
        )
    }
}

impl IebRetourCode {
            $(
                #[doc = concat!("`", $code, "`: ", $meaning)]
                pub const $name: IebRetourCode = IebRetourCode(four($code));
            )+
            /// The EB001 codes known (spec `ieb-wmo405.md` §7), in list order.
            pub const KNOWN: &'static [IebRetourCode] = &[$(IebRetourCode::$name),+];

            /// The meaning of a known EB001 code (spec `ieb-wmo405.md` §7); `None` for a code
            /// from the part of EB001 that is not known.
            pub fn meaning(self) -> Option<&'static str> {
                match self.code() {
                    $($code => Some($meaning),)+
                    _ => None,
                }
            }
        }
    };
}

eb001! {
    R0001 = "0001" => "Bericht afgekeurd om technische redenen",
    R0200 = "0200" => "Geen opmerking",
    R0233 = "0233" => "Niet beoordeeld",
    R8848 = "8848" => "Dagtekening in de toekomst (TR135)",
    R9056 = "9056" => "Identificatie niet uniek (TR056)",
    R9063 = "9063" => "Status 3 zonder eerdere aanlevering (TR063)",
    R9103 = "9103" => "Status 2 zonder eerdere aanlevering (TR103)",
    R9104 = "9104" => "Verwijderd kan niet gewijzigd (TR104)",
    R9393 = "9393" => "EbStartdatum > 36 maanden terug bij status 2 (TR393)",
    R9395 = "9395" => "BwStartdatum (beschermd wonen)",
    RS300 = "S300" => "Gemeentecode (TR378)",
    RS333 = "S333" => "Kostprijs vs nationaal tarief (TR409)",
}

impl IebRetourCode {
    /// The schema type of the code.
    pub const XSD_TYPE: &'static str = "ieb:LDT_RetourCode";
    /// The identifier of the code list in the iEb informatiemodel.
    pub const CODE_LIST: &'static str = "EB001";

    /// A code from its exact lexical value: four characters `0`-`9` or `A`-`Z` (no whitespace:
    /// `xs:string` preserves it). Anything else is [`ModelError::UnknownCode`].
    pub fn from_code(code: &str) -> Result<Self, ModelError> {
        match <[u8; 4]>::try_from(code.as_bytes()) {
            Ok(bytes)
                if bytes
                    .iter()
                    .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()) =>
            {
                Ok(IebRetourCode(bytes))
            }
            _ => Err(ModelError::UnknownCode {
                list: Self::XSD_TYPE,
                code: code.to_string(),
            }),
        }
    }

    /// The code as it is written in a message.
    pub fn code(&self) -> &str {
        // Only ASCII digits and capitals are ever stored (from_code and the constants), so
        // this is always UTF-8 and the fallback is never taken.
        std::str::from_utf8(&self.0).unwrap_or("")
    }

    /// Whether this is one of the EB001 codes known (spec `ieb-wmo405.md` §7).
    pub fn is_known(self) -> bool {
        self.meaning().is_some()
    }
}

impl fmt::Display for IebRetourCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Debug for IebRetourCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IebRetourCode({})", self.code())
    }
}

code_list! {
    /// Land (ISO 3166-1 alpha-2). The specification gives no meaning per value, so `meaning()` returns the code itself. `LDT_LandCode`, code list COD032.
    LandCode, "LDT_LandCode", "COD032" {
        Ad = "AD" => "AD",
        Ae = "AE" => "AE",
        Af = "AF" => "AF",
        Ag = "AG" => "AG",
        Ai = "AI" => "AI",
        Al = "AL" => "AL",
        Am = "AM" => "AM",
        Ao = "AO" => "AO",
        Aq = "AQ" => "AQ",
        Ar = "AR" => "AR",
        As = "AS" => "AS",
        At = "AT" => "AT",
        Au = "AU" => "AU",
        Aw = "AW" => "AW",
        Ax = "AX" => "AX",
        Az = "AZ" => "AZ",
        Ba = "BA" => "BA",
        Bb = "BB" => "BB",
        Bd = "BD" => "BD",
        Be = "BE" => "BE",
        Bf = "BF" => "BF",
        Bg = "BG" => "BG",
        Bh = "BH" => "BH",
        Bi = "BI" => "BI",
        Bj = "BJ" => "BJ",
        Bl = "BL" => "BL",
        Bm = "BM" => "BM",
        Bn = "BN" => "BN",
        Bo = "BO" => "BO",
        Bq = "BQ" => "BQ",
        Br = "BR" => "BR",
        Bs = "BS" => "BS",
        Bt = "BT" => "BT",
        Bv = "BV" => "BV",
        Bw = "BW" => "BW",
        By = "BY" => "BY",
        Bz = "BZ" => "BZ",
        Ca = "CA" => "CA",
        Cc = "CC" => "CC",
        Cd = "CD" => "CD",
        Cf = "CF" => "CF",
        Cg = "CG" => "CG",
        Ch = "CH" => "CH",
        Ci = "CI" => "CI",
        Ck = "CK" => "CK",
        Cl = "CL" => "CL",
        Cm = "CM" => "CM",
        Cn = "CN" => "CN",
        Co = "CO" => "CO",
        Cr = "CR" => "CR",
        Cu = "CU" => "CU",
        Cv = "CV" => "CV",
        Cw = "CW" => "CW",
        Cx = "CX" => "CX",
        Cy = "CY" => "CY",
        Cz = "CZ" => "CZ",
        De = "DE" => "DE",
        Dj = "DJ" => "DJ",
        Dk = "DK" => "DK",
        Dm = "DM" => "DM",
        Do = "DO" => "DO",
        Dz = "DZ" => "DZ",
        Ec = "EC" => "EC",
        Ee = "EE" => "EE",
        Eg = "EG" => "EG",
        Eh = "EH" => "EH",
        Er = "ER" => "ER",
        Es = "ES" => "ES",
        Et = "ET" => "ET",
        Fi = "FI" => "FI",
        Fj = "FJ" => "FJ",
        Fk = "FK" => "FK",
        Fm = "FM" => "FM",
        Fo = "FO" => "FO",
        Fr = "FR" => "FR",
        Ga = "GA" => "GA",
        Gb = "GB" => "GB",
        Gd = "GD" => "GD",
        Ge = "GE" => "GE",
        Gf = "GF" => "GF",
        Gg = "GG" => "GG",
        Gh = "GH" => "GH",
        Gi = "GI" => "GI",
        Gl = "GL" => "GL",
        Gm = "GM" => "GM",
        Gn = "GN" => "GN",
        Gp = "GP" => "GP",
        Gq = "GQ" => "GQ",
        Gr = "GR" => "GR",
        Gs = "GS" => "GS",
        Gt = "GT" => "GT",
        Gu = "GU" => "GU",
        Gw = "GW" => "GW",
        Gy = "GY" => "GY",
        Hk = "HK" => "HK",
        Hm = "HM" => "HM",
        Hn = "HN" => "HN",
        Hr = "HR" => "HR",
        Ht = "HT" => "HT",
        Hu = "HU" => "HU",
        Id = "ID" => "ID",
        Ie = "IE" => "IE",
        Il = "IL" => "IL",
        Im = "IM" => "IM",
        In = "IN" => "IN",
        Io = "IO" => "IO",
        Iq = "IQ" => "IQ",
        Ir = "IR" => "IR",
        Is = "IS" => "IS",
        It = "IT" => "IT",
        Je = "JE" => "JE",
        Jm = "JM" => "JM",
        Jo = "JO" => "JO",
        Jp = "JP" => "JP",
        Ke = "KE" => "KE",
        Kg = "KG" => "KG",
        Kh = "KH" => "KH",
        Ki = "KI" => "KI",
        Km = "KM" => "KM",
        Kn = "KN" => "KN",
        Kp = "KP" => "KP",
        Kr = "KR" => "KR",
        Kw = "KW" => "KW",
        Ky = "KY" => "KY",
        Kz = "KZ" => "KZ",
        La = "LA" => "LA",
        Lb = "LB" => "LB",
        Lc = "LC" => "LC",
        Li = "LI" => "LI",
        Lk = "LK" => "LK",
        Lr = "LR" => "LR",
        Ls = "LS" => "LS",
        Lt = "LT" => "LT",
        Lu = "LU" => "LU",
        Lv = "LV" => "LV",
        Ly = "LY" => "LY",
        Ma = "MA" => "MA",
        Mc = "MC" => "MC",
        Md = "MD" => "MD",
        Me = "ME" => "ME",
        Mf = "MF" => "MF",
        Mg = "MG" => "MG",
        Mh = "MH" => "MH",
        Mk = "MK" => "MK",
        Ml = "ML" => "ML",
        Mm = "MM" => "MM",
        Mn = "MN" => "MN",
        Mo = "MO" => "MO",
        Mp = "MP" => "MP",
        Mq = "MQ" => "MQ",
        Mr = "MR" => "MR",
        Ms = "MS" => "MS",
        Mt = "MT" => "MT",
        Mu = "MU" => "MU",
        Mv = "MV" => "MV",
        Mw = "MW" => "MW",
        Mx = "MX" => "MX",
        My = "MY" => "MY",
        Mz = "MZ" => "MZ",
        Na = "NA" => "NA",
        Nc = "NC" => "NC",
        Ne = "NE" => "NE",
        Nf = "NF" => "NF",
        Ng = "NG" => "NG",
        Ni = "NI" => "NI",
        Nl = "NL" => "NL",
        No = "NO" => "NO",
        Np = "NP" => "NP",
        Nr = "NR" => "NR",
        Nu = "NU" => "NU",
        Nz = "NZ" => "NZ",
        Om = "OM" => "OM",
        Pa = "PA" => "PA",
        Pe = "PE" => "PE",
        Pf = "PF" => "PF",
        Pg = "PG" => "PG",
        Ph = "PH" => "PH",
        Pk = "PK" => "PK",
        Pl = "PL" => "PL",
        Pm = "PM" => "PM",
        Pn = "PN" => "PN",
        Pr = "PR" => "PR",
        Ps = "PS" => "PS",
        Pt = "PT" => "PT",
        Pw = "PW" => "PW",
        Py = "PY" => "PY",
        Qa = "QA" => "QA",
        Re = "RE" => "RE",
        Ro = "RO" => "RO",
        Rs = "RS" => "RS",
        Ru = "RU" => "RU",
        Rw = "RW" => "RW",
        Sa = "SA" => "SA",
        Sb = "SB" => "SB",
        Sc = "SC" => "SC",
        Sd = "SD" => "SD",
        Se = "SE" => "SE",
        Sg = "SG" => "SG",
        Sh = "SH" => "SH",
        Si = "SI" => "SI",
        Sj = "SJ" => "SJ",
        Sk = "SK" => "SK",
        Sl = "SL" => "SL",
        Sm = "SM" => "SM",
        Sn = "SN" => "SN",
        So = "SO" => "SO",
        Sr = "SR" => "SR",
        Ss = "SS" => "SS",
        St = "ST" => "ST",
        Sv = "SV" => "SV",
        Sx = "SX" => "SX",
        Sy = "SY" => "SY",
        Sz = "SZ" => "SZ",
        Tc = "TC" => "TC",
        Td = "TD" => "TD",
        Tf = "TF" => "TF",
        Tg = "TG" => "TG",
        Th = "TH" => "TH",
        Tj = "TJ" => "TJ",
        Tk = "TK" => "TK",
        Tl = "TL" => "TL",
        Tm = "TM" => "TM",
        Tn = "TN" => "TN",
        To = "TO" => "TO",
        Tr = "TR" => "TR",
        Tt = "TT" => "TT",
        Tv = "TV" => "TV",
        Tw = "TW" => "TW",
        Tz = "TZ" => "TZ",
        Ua = "UA" => "UA",
        Ug = "UG" => "UG",
        Um = "UM" => "UM",
        Us = "US" => "US",
        Uy = "UY" => "UY",
        Uz = "UZ" => "UZ",
        Va = "VA" => "VA",
        Vc = "VC" => "VC",
        Ve = "VE" => "VE",
        Vg = "VG" => "VG",
        Vi = "VI" => "VI",
        Vn = "VN" => "VN",
        Vu = "VU" => "VU",
        Wf = "WF" => "WF",
        Ws = "WS" => "WS",
        Ye = "YE" => "YE",
        Yt = "YT" => "YT",
        Za = "ZA" => "ZA",
        Zm = "ZM" => "ZM",
        Zw = "ZW" => "ZW",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<T: Copy + PartialEq + fmt::Debug>(
        all: &[T],
        code: fn(T) -> &'static str,
        from: fn(&str) -> Result<T, ModelError>,
        expected_len: usize,
    ) {
        assert_eq!(all.len(), expected_len);
        for &v in all {
            assert_eq!(from(code(v)).unwrap(), v);
        }
        let mut codes: Vec<_> = all.iter().map(|&v| code(v)).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), expected_len, "codes are unique");
    }

    macro_rules! every_list {
        ($($t:ident: $n:expr),+ $(,)?) => {$(
            round_trip($t::ALL, $t::code, $t::from_code, $n);
            assert!(matches!(
                $t::from_code("XX9"),
                Err(ModelError::UnknownCode { list, ref code }) if list == $t::XSD_TYPE && code == "XX9"
            ));
            assert!($t::from_code("").is_err());
            for v in $t::ALL {
                assert!(!v.meaning().is_empty());
                assert_eq!(v.to_string(), v.code());
                // xs:string keeps whitespace, so a padded code is not the code.
                assert!($t::from_code(&format!(" {} ", v.code())).is_err());
            }
        )+};
    }

    #[test]
    fn every_code_round_trips_and_unknown_codes_are_errors() {
        every_list!(
            Geslacht: 3,
            Eenheid: 7,
            Frequentie: 4,
            RedenWijziging: 14,
            RedenBeeindiging: 11,
            StatusAanlevering: 4,
            ProductCategorie: 18,
            DebetCredit: 2,
            RedenVerzoek: 2,
            VerzoekAntwoord: 2,
            RedenAfwijzingVerzoek: 9,
            JaNee: 2,
            TypeVerwijzer: 7,
            AdresSoort: 4,
            AanduidingWoonadres: 4,
            Communicatievorm: 3,
            DatumGebruik: 3,
            NaamGebruik: 6,
            JuridischeStatus: 7,
            WettelijkeVertegenwoordiging: 5,
            SoortRelatie: 23,
            RetourCode: 59,
            LandCode: 249,
            IebStatusAanlevering: 3,
        );
    }

    #[test]
    fn ieb_status_aanlevering_is_not_the_iwmo_list() {
        assert!(IebStatusAanlevering::from_code("9").is_err());
        assert!(StatusAanlevering::from_code("9").is_ok());
        for v in IebStatusAanlevering::ALL {
            assert!(StatusAanlevering::from_code(v.code()).is_ok());
        }
    }

    #[test]
    fn ieb_retour_codes_are_any_four_digits_or_capitals() {
        assert_eq!(IebRetourCode::KNOWN.len(), 12);
        for &code in IebRetourCode::KNOWN {
            assert_eq!(IebRetourCode::from_code(code.code()).unwrap(), code);
            assert!(code.is_known());
        }
        let r9103 = IebRetourCode::from_code("9103").unwrap();
        assert_eq!(r9103, IebRetourCode::R9103);
        assert!(matches!(r9103, IebRetourCode::R9103));
        assert_eq!(
            r9103.meaning(),
            Some("Status 2 zonder eerdere aanlevering (TR103)")
        );
        assert_eq!(IebRetourCode::RS333.to_string(), "S333");
        assert_eq!(format!("{:?}", IebRetourCode::R0200), "IebRetourCode(0200)");
        // From the unknown rest of EB001 (C5): read, kept, no meaning.
        let unknown = IebRetourCode::from_code("9396").unwrap();
        assert_eq!(unknown.code(), "9396");
        assert_eq!(unknown.meaning(), None);
        assert!(!IebRetourCode::from_code("X1Z9").unwrap().is_known());
        for bad in [
            "", "920", "92000", "s333", " 200", "0200 ", "02-0", "０200", "é20",
        ] {
            assert!(
                matches!(
                    IebRetourCode::from_code(bad),
                    Err(ModelError::UnknownCode { list: "ieb:LDT_RetourCode", ref code }) if code == bad
                ),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn codes_are_strings_not_numbers() {
        assert_eq!(
            ProductCategorie::from_code("01").unwrap(),
            ProductCategorie::HulpBijHetHuishouden
        );
        assert!(ProductCategorie::from_code("1").is_err());
        assert_eq!(Eenheid::Uur.code(), "04");
        assert_eq!(
            RetourCode::R0200.meaning(),
            "Geen opmerking over deze berichtklasse."
        );
        assert_eq!(RetourCode::from_code("S329").unwrap(), RetourCode::RS329);
        assert_eq!(LandCode::from_code("NL").unwrap(), LandCode::Nl);
        assert!(LandCode::from_code("XK").is_err());
        assert!(LandCode::from_code("nl").is_err());
    }
}
