"""Word lists for fictional demo people in Herne: names, occupations, goals, organisations.

Everything here is invented for demonstrations and load tests. Names are common names of each
group combined at random; any resemblance to a real person is chance. Organisation names are
plausible inventions, not claims about real institutions or their staff.

Generations (birth years) the name pools are meant for:
senior 1945–1970 (volunteers), parent 1975–2000 (guardians, professionals, adult refugees),
youth 2000–2012 (young people), child 2015–2025 (children of families).
"""

# Origins: the family background of a person, which decides names and family languages.
# Herne is mostly German, with large Turkish and Polish (also "Ruhrpolen") communities, Kurdish,
# Arabic-speaking, Ukrainian, Italian, Greek and Russian-German (Spätaussiedler) families.
ORIGIN_LANGUAGES = {
    "de": (),
    "tr": ("tr",),
    "pl": ("pl",),
    "ku": ("ku", "tr"),  # Kurdish families from Turkey often speak Turkish too
    "ar": ("ar",),
    "uk": ("uk", "ru"),  # many Ukrainians also speak Russian
    "it": ("it",),
    "el": ("el",),
    "rude": ("ru",),  # Russian-German
    "af": ("fa",),  # Afghan (Dari/Persian)
}

# Weights of origins per group of people (relative; they need not sum to 100).
SENIOR_ORIGINS = {
    "de": 76,
    "tr": 7,
    "pl": 5,
    "rude": 4,
    "it": 3,
    "el": 2,
    "ku": 1.5,
    "ar": 1,
    "uk": 0.5,
}
# Volunteers for programmes that need a shared language: speakers of the refugees' languages.
LANGUAGE_VOLUNTEER_ORIGINS = {"ar": 30, "uk": 25, "rude": 20, "ku": 15, "tr": 10}
YOUTH_ORIGINS = {
    "de": 55,
    "tr": 14,
    "ar": 8,
    "ku": 5,
    "pl": 5,
    "uk": 4,
    "rude": 4,
    "it": 2.5,
    "el": 1.5,
}
FAMILY_ORIGINS = {
    "de": 52,
    "tr": 14,
    "ar": 10,
    "pl": 6,
    "uk": 6,
    "ku": 5,
    "rude": 3,
    "it": 2,
    "el": 2,
}
REFUGEE_ORIGINS = {"ar": 35, "uk": 32, "ku": 13, "af": 8, "tr": 6}
PROFESSIONAL_ORIGINS = {"de": 80, "tr": 8, "pl": 5, "it": 3, "el": 2, "rude": 2}


def _names(text: str) -> tuple[str, ...]:
    """A tuple of names from one comma-separated string (keeps the lists compact)."""
    return tuple(name.strip() for name in text.split(","))


SURNAMES = {
    # "de" includes Ruhr families of Polish descent, German for generations.
    "de": _names(
        "Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, Hoffmann, "
        "Schäfer, Koch, Bauer, Richter, Klein, Wolf, Schröder, Neumann, Schwarz, Zimmermann, "
        "Braun, Krüger, Hartmann, Lange, Werner, Schmitz, Krause, Meier, Lehmann, Köhler, "
        "Herrmann, König, Walter, Kaiser, Fuchs, Peters, Scholz, Möller, Jung, Hahn, Vogel, "
        "Friedrich, Keller, Günther, Berger, Winkler, Lorenz, Baumann, Franke, Albrecht, "
        "Schuster, Ludwig, Winter, Schumacher, Krämer, Vogt, Jäger, Sommer, Brandt, Schulte, "
        "Dietrich, Kuhn, Engel, Busch, Bergmann, Arnold, Pfeiffer, Brinkmann, Kemper, Hülsmann, "
        "Westermann, Niehaus, Overbeck, Tiemann, Wiesmann, Stratmann, Kötter, Heitkamp, Kowalski, "
        "Schimanski, Szymanski, Nowak, Kaminski, Wisniewski, Koslowski, Przybylski, Grabowski, "
        "Pawlak, Tomczak, Sobczak, Gorny"
    ),
    "tr": _names(
        "Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Öztürk, Aydın, Arslan, Doğan, Koç, Kılıç, "
        "Aslan, Polat, Güneş, Kurt, Özdemir, Acar, Tekin, Korkmaz, Çetin, Erdem, Avcı, Uçar"
    ),
    "pl": _names(
        "Nowak, Kowalski, Wiśniewski, Wójcik, Kowalczyk, Kamiński, Lewandowski, Zieliński, "
        "Szymański, Woźniak, Dąbrowski, Kozłowski, Mazur, Krawczyk, Jankowski, Wróbel, Pawłowski, "
        "Michalski"
    ),
    "ku": _names(
        "Baran, Bulut, Akbaş, Yıldırım, Sido, Hesso, Osso, Sheikho, Haji, Aslan, Tunç, Zengin, "
        "Ekinci, Murad, Khalaf"
    ),
    "ar": _names(
        "Haddad, Khalil, Nasser, Saleh, Hamdan, Darwish, Yousef, Mansour, Aziz, Al-Hassan, "
        "Kassem, Hamoud, Al-Ahmad, Othman, Ibrahim, Suleiman, Alali, Al-Khatib"
    ),
    "uk": _names(
        "Kovalenko, Bondarenko, Tkachenko, Shevchenko, Kravchenko, Melnyk, Boiko, Kovalchuk, "
        "Oliinyk, Shevchuk, Polishchuk, Lysenko, Marchenko, Savchenko, Rudenko, Moroz"
    ),
    "it": _names(
        "Russo, Esposito, Romano, Ricci, Marino, Greco, Bruno, Gallo, Conti, De Luca, Costa, "
        "Lombardi, Caruso, Ferrara, Rinaldi, Messina"
    ),
    "el": _names(
        "Papadopoulos, Georgiou, Nikolaidis, Karagiannis, Oikonomou, Vlachos, Dimitriou, "
        "Papadakis, Christodoulou, Makris, Antoniou, Ioannidis"
    ),
    "rude": _names(
        "Wiebe, Dyck, Penner, Friesen, Klassen, Neufeld, Reimer, Janzen, Wall, Braun, Kraus, "
        "Gerber, Herdt, Schmidt, Becker, Hoffmann, Heinrich"
    ),
    "af": _names(
        "Ahmadi, Rahimi, Hakimi, Noori, Sultani, Haidari, Karimi, Mohammadi, Amiri, Azizi"
    ),
}

# GIVEN[origin][generation] = (female names, male names)
GIVEN = {
    "de": {
        "senior": (
            _names(
                "Ursula, Monika, Renate, Karin, Brigitte, Gabriele, Petra, Sabine, Elke, Heike, "
                "Christa, Ingrid, Helga, Marion, Doris, Angelika, Birgit, Barbara, Jutta, Gisela, "
                "Hannelore, Bärbel, Susanne, Cornelia, Rita, Margret, Dagmar, Waltraud, Roswitha, "
                "Annegret"
            ),
            _names(
                "Peter, Klaus, Wolfgang, Jürgen, Dieter, Manfred, Hans-Jürgen, Werner, Günter, "
                "Bernd, Uwe, Horst, Rainer, Michael, Ulrich, Detlef, Norbert, Heinz, Gerhard, "
                "Karl-Heinz, Helmut, Reinhard, Hartmut, Ralf, Wilfried, Friedhelm, Willi, Rolf, "
                "Lothar, Siegfried"
            ),
        ),
        "parent": (
            _names(
                "Jennifer, Stefanie, Sandra, Nicole, Melanie, Katrin, Christina, Nadine, Anja, "
                "Jessica, Sarah, Julia, Vanessa, Kristina, Daniela, Tanja, Janina, Svenja"
            ),
            _names(
                "Christian, Daniel, Sebastian, Tobias, Marco, Sven, Stefan, Dennis, Patrick, "
                "Florian, Alexander, Markus, Dominik, Kai, Timo, Jan"
            ),
        ),
        "youth": (
            _names(
                "Lea, Lena, Anna, Laura, Sarah, Julia, Lisa, Hannah, Leonie, Lara, Sophie, Marie, "
                "Emily, Alina, Jana, Celina, Michelle, Vanessa, Nele, Pia, Johanna, Chiara, "
                "Luisa, Jule"
            ),
            _names(
                "Lukas, Leon, Jonas, Finn, Tim, Niklas, Luca, Jan, Felix, Ben, Paul, Maximilian, "
                "Tom, Elias, Noah, Justin, Kevin, Dennis, Marcel, Fabian, Nils, Moritz, Jannik, "
                "Luis"
            ),
        ),
        "child": (
            _names(
                "Emilia, Mia, Emma, Sophia, Hannah, Lina, Mila, Ella, Clara, Lea, Marie, Leni, "
                "Frieda, Ida, Lia, Mathilda, Ronja"
            ),
            _names(
                "Noah, Leon, Paul, Ben, Finn, Elias, Henry, Theo, Emil, Matteo, Luis, Felix, "
                "Jonas, Anton, Milan, Oskar, Mats"
            ),
        ),
    },
    "tr": {
        "senior": (
            _names(
                "Ayşe, Fatma, Emine, Hatice, Zeynep, Hülya, Sevgi, Gülay, Nurten, Ayten, Sevim, "
                "Leyla, Nermin, Gönül"
            ),
            _names(
                "Mehmet, Mustafa, Ahmet, Ali, Hüseyin, Hasan, İbrahim, Osman, Yusuf, Kemal, Erol, "
                "Cengiz, Ömer, Recep"
            ),
        ),
        "parent": (
            _names("Derya, Özlem, Tuba, Songül, Gökçe, Esra, Merve, Büşra, Yasemin, Sibel"),
            _names("Serkan, Volkan, Tolga, Burak, Onur, Emre, Tayfun, Murat, Kaan"),
        ),
        "youth": (
            _names(
                "Elif, Zeynep, Merve, Büşra, Esra, Melike, Ecrin, Defne, Aleyna, Sude, Beyza, Selin"
            ),
            _names(
                "Emre, Yusuf, Mehmet, Burak, Can, Enes, Berkay, Furkan, Kerem, Mert, Eren, Arda, "
                "Ömer, Efe"
            ),
        ),
        "child": (
            _names("Elif, Zeynep, Asel, Defne, Azra, Eylül, Meryem, Ela, Nehir"),
            _names("Yusuf, Ömer, Eymen, Miraç, Aras, Kerem, Emir, Mustafa, Poyraz"),
        ),
    },
    "pl": {
        "senior": (
            _names(
                "Barbara, Krystyna, Elżbieta, Danuta, Halina, Teresa, Jadwiga, Grażyna, "
                "Małgorzata, Bożena, Irena, Urszula"
            ),
            _names(
                "Andrzej, Jan, Stanisław, Krzysztof, Tadeusz, Jerzy, Zbigniew, Marek, Ryszard, "
                "Józef, Janusz, Henryk, Wiesław"
            ),
        ),
        "parent": (
            _names("Agnieszka, Katarzyna, Magdalena, Monika, Anna, Joanna, Justyna, Ewelina"),
            _names("Tomasz, Paweł, Łukasz, Marcin, Piotr, Grzegorz, Michał, Kamil"),
        ),
        "youth": (
            _names("Julia, Zuzanna, Natalia, Wiktoria, Aleksandra, Oliwia, Maja, Kinga"),
            _names("Jakub, Kacper, Szymon, Filip, Mateusz, Bartosz, Michał, Wojciech"),
        ),
        "child": (
            _names("Zofia, Zuzanna, Hanna, Laura, Maja, Lena, Pola"),
            _names("Antoni, Jan, Aleksander, Franciszek, Nikodem, Szymon, Igor"),
        ),
    },
    "ku": {
        "senior": (
            _names("Gulistan, Perwin, Nazife, Hediye, Sakine, Zehra, Xezal, Şirin"),
            _names("Mahmud, Xelîl, Silêman, Cemîl, Reşîd, Ehmed, Kemal, Hesen"),
        ),
        "parent": (
            _names("Rojda, Berivan, Nesrin, Hevin, Gulistan, Dilan, Zozan"),
            _names("Dilovan, Serhat, Rezan, Azad, Shivan, Welat, Kawa"),
        ),
        "youth": (
            _names("Berfin, Rojda, Zilan, Hêvîn, Dilan, Roza, Delal, Jiyan"),
            _names("Azad, Rojhat, Baran, Dilovan, Serhat, Rojan, Ciwan, Agit"),
        ),
        "child": (
            _names("Dilan, Roza, Zîn, Jiyan, Nisa, Evîn"),
            _names("Rojhat, Baran, Kawa, Mîran, Ronî, Aram"),
        ),
    },
    "ar": {
        "senior": (
            _names("Fatima, Amina, Samira, Nadia, Layla, Huda, Mona, Hanan, Salwa"),
            _names(
                "Mohammed, Ahmad, Khaled, Mahmoud, Omar, Walid, Samir, Hassan, Youssef, Bassam, "
                "Nabil, Jamal"
            ),
        ),
        "parent": (
            _names("Rasha, Reem, Rania, Dima, Ghada, Nour, Alaa, Hiba, Lama"),
            _names("Mohammad, Ahmad, Fadi, Rami, Tarek, Samer, Anas, Bilal, Khaled"),
        ),
        "youth": (
            _names("Lina, Sara, Maryam, Rama, Aya, Hiba, Nour, Rahaf, Jana, Lana, Malak, Shahed"),
            _names(
                "Mohammad, Ahmad, Omar, Ali, Yousef, Karim, Hamza, Adam, Abdullah, Khaled, Bilal, "
                "Amir"
            ),
        ),
        "child": (
            _names("Maryam, Sham, Jouri, Lara, Layan, Hala, Sidra, Lina"),
            _names("Mohammad, Adam, Ahmad, Yaman, Omar, Ali, Hadi, Zain"),
        ),
    },
    "uk": {
        "senior": (
            _names(
                "Olena, Nataliia, Tetiana, Svitlana, Liudmyla, Halyna, Valentyna, Oksana, Iryna, "
                "Larysa"
            ),
            _names(
                "Oleksandr, Mykola, Volodymyr, Serhii, Viktor, Vasyl, Petro, Yurii, Ihor, Anatolii"
            ),
        ),
        "parent": (
            _names("Olha, Yuliia, Kateryna, Nataliia, Oksana, Iryna, Mariia, Alina"),
            _names("Andrii, Dmytro, Oleksandr, Serhii, Vitalii, Roman, Taras"),
        ),
        "youth": (
            _names("Sofiia, Anastasiia, Daryna, Viktoriia, Yana, Polina, Anna, Yeva"),
            _names("Maksym, Artem, Danylo, Bohdan, Dmytro, Nazar, Oleksii, Denys"),
        ),
        "child": (
            _names("Sofiia, Anna, Zlata, Varvara, Mariia, Solomiia, Yeva"),
            _names("Matvii, Maksym, Tymofii, Artem, Mark, Oleksandr, Ivan"),
        ),
    },
    "it": {
        "senior": (
            _names(
                "Maria, Giuseppina, Anna, Rosa, Angela, Antonietta, Carmela, Giovanna, Lucia, "
                "Franca"
            ),
            _names(
                "Giuseppe, Antonio, Salvatore, Francesco, Giovanni, Vincenzo, Mario, Luigi, "
                "Pietro, Carmine, Angelo"
            ),
        ),
        "parent": (
            _names("Francesca, Valentina, Giulia, Federica, Serena, Daniela"),
            _names("Marco, Andrea, Davide, Stefano, Fabio, Roberto"),
        ),
        "youth": (
            _names("Giulia, Sofia, Chiara, Alessia, Aurora, Martina"),
            _names("Luca, Alessandro, Marco, Lorenzo, Matteo, Gianluca, Davide"),
        ),
        "child": (
            _names("Giulia, Sofia, Aurora, Ginevra, Alice"),
            _names("Leonardo, Francesco, Tommaso, Riccardo, Lorenzo"),
        ),
    },
    "el": {
        "senior": (
            _names(
                "Maria, Eleni, Katerina, Vasiliki, Georgia, Sofia, Dimitra, Anastasia, Paraskevi"
            ),
            _names(
                "Georgios, Ioannis, Konstantinos, Dimitrios, Nikolaos, Panagiotis, Vasileios, "
                "Christos, Athanasios, Evangelos"
            ),
        ),
        "parent": (
            _names("Eleni, Despina, Sofia, Katerina, Vasiliki, Christina"),
            _names("Nikos, Christos, Kostas, Giorgos, Stavros, Alexandros"),
        ),
        "youth": (
            _names("Eleni, Georgia, Sofia, Maria, Katerina, Despina"),
            _names("Giorgos, Nikos, Dimitris, Konstantinos, Christos, Alexandros, Yannis"),
        ),
        "child": (
            _names("Eleni, Maria, Zoi, Athina, Ioanna"),
            _names("Giorgos, Konstantinos, Dimitris, Nikolas, Stelios"),
        ),
    },
    "rude": {
        "senior": (
            _names(
                "Valentina, Lydia, Olga, Frieda, Maria, Elvira, Tatjana, Nelli, Galina, Ljudmila"
            ),
            _names(
                "Waldemar, Viktor, Johann, Jakob, Alexander, Eduard, Heinrich, Peter, Andreas, "
                "Wladimir"
            ),
        ),
        "parent": (
            _names("Natalie, Jelena, Irina, Olga, Katharina, Anna, Swetlana"),
            _names("Eugen, Artur, Alexander, Waldemar, Andreas, Viktor, Roman"),
        ),
        "youth": (
            _names("Alina, Viktoria, Diana, Anastasia, Katharina, Elena"),
            _names("Daniel, Artur, Maxim, Nikita, Eduard, Dennis, Alexander"),
        ),
        "child": (
            _names("Emilia, Milana, Sofia, Eva, Mila"),
            _names("David, Daniel, Mark, Maxim, Elias"),
        ),
    },
    "af": {
        "senior": (
            _names("Zahra, Fatima, Maryam, Farida"),
            _names("Ahmad, Mohammad, Ghulam, Abdul"),
        ),
        "parent": (
            _names("Zahra, Maryam, Mahbooba, Nilofar, Shabnam, Parwana, Fatema"),
            _names("Ahmad, Mohammad, Ali, Jawad, Hamid, Farid, Sayed, Mustafa"),
        ),
        "youth": (
            _names("Madina, Setara, Mahsa, Sana, Yalda"),
            _names("Omid, Farhad, Mehdi, Ali, Reza"),
        ),
        "child": (
            _names("Hadia, Sana, Mursal, Yalda, Marwa"),
            _names("Yusuf, Mahdi, Ali, Elyas, Hamza"),
        ),
    },
}


def surname_for(origin: str, surname: str, female: bool) -> str:
    """Polish and Greek surnames have female forms; the others do not change."""
    if not female:
        return surname
    if origin == "pl":
        for male, fem in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
            if surname.endswith(male):
                return surname[: -len(male)] + fem
    if origin == "el":
        for male, fem in (("os", "ou"), ("is", "i"), ("as", "a")):
            if surname.endswith(male):
                return surname[: -len(male)] + fem
    return surname


# Former occupations of seniors: (male title, female title or None, expertise tags,
# KAoA career fields, programme kinds the occupation suits best).
OCCUPATIONS = (
    ("Elektriker", "Elektrikerin", ("handwerk",), ("elektro", "technik"), ("career",)),
    ("Bergmann unter Tage", None, ("handwerk",), ("produktion", "technik"), ("career",)),
    ("Grubenelektriker", None, ("handwerk",), ("elektro", "technik"), ("career",)),
    ("Steiger im Bergbau", None, ("handwerk", "mathe"), ("technik", "produktion"), ("career",)),
    (
        "Industriekaufmann",
        "Industriekauffrau",
        ("bewerbung", "computer", "geld"),
        ("wirtschaft-verwaltung",),
        ("career",),
    ),
    (
        "Krankenpfleger",
        "Krankenschwester",
        ("alltag-familie",),
        ("gesundheit", "soziales"),
        ("career", "family", "language"),
    ),
    (
        "Kinderkrankenpfleger",
        "Kinderkrankenschwester",
        ("alltag-familie", "vorlesen-spielen"),
        ("gesundheit", "soziales"),
        ("family",),
    ),
    (
        "Grundschullehrer",
        "Grundschullehrerin",
        ("lernen", "deutsch", "mathe", "vorlesen-spielen"),
        ("soziales",),
        ("child", "career", "language"),
    ),
    (
        "Realschullehrer (Mathematik und Physik)",
        "Realschullehrerin (Mathematik und Physik)",
        ("mathe", "lernen"),
        ("naturwissenschaften", "technik"),
        ("career",),
    ),
    (
        "Berufsschullehrer (Elektrotechnik)",
        "Berufsschullehrerin (Elektrotechnik)",
        ("lernen", "berufsorientierung"),
        ("elektro", "technik"),
        ("career",),
    ),
    (
        "Kfz-Mechanikermeister",
        "Kfz-Mechanikermeisterin",
        ("handwerk",),
        ("metall", "technik", "verkehr-logistik"),
        ("career",),
    ),
    (
        "Bankkaufmann",
        "Bankkauffrau",
        ("geld", "bewerbung", "vorstellungsgespraech"),
        ("wirtschaft-verwaltung",),
        ("career", "family"),
    ),
    (
        "Erzieher",
        "Erzieherin",
        ("alltag-familie", "vorlesen-spielen", "lernen"),
        ("soziales",),
        ("family", "child"),
    ),
    (
        "Ingenieur (Maschinenbau)",
        "Ingenieurin (Maschinenbau)",
        ("mathe", "handwerk", "computer"),
        ("metall", "technik", "naturwissenschaften"),
        ("career",),
    ),
    (
        "Verwaltungsangestellter",
        "Verwaltungsangestellte",
        ("behoerden", "bewerbung", "computer"),
        ("wirtschaft-verwaltung",),
        ("career", "language", "family"),
    ),
    (
        "Beamter im gehobenen Dienst",
        "Beamtin im gehobenen Dienst",
        ("behoerden", "bewerbung"),
        ("wirtschaft-verwaltung",),
        ("career", "language"),
    ),
    (
        "Einzelhandelskaufmann",
        "Einzelhandelskauffrau",
        ("bewerbung", "vorstellungsgespraech", "geld"),
        ("handel",),
        ("career",),
    ),
    (
        "Industriemechaniker",
        "Industriemechanikerin",
        ("handwerk",),
        ("metall", "produktion"),
        ("career",),
    ),
    ("Schlosser", None, ("handwerk",), ("metall", "produktion"), ("career",)),
    ("Schweißer", None, ("handwerk",), ("metall", "produktion"), ("career",)),
    (
        "Tischlermeister",
        "Tischlermeisterin",
        ("handwerk", "gruendung"),
        ("bau", "produktion"),
        ("career", "child"),
    ),
    ("Maurer", None, ("handwerk",), ("bau",), ("career",)),
    (
        "Malermeister",
        "Malermeisterin",
        ("handwerk", "gruendung"),
        ("bau", "kunst-gestaltung"),
        ("career",),
    ),
    (
        "Friseurmeister",
        "Friseurmeisterin",
        ("gruendung", "vorstellungsgespraech"),
        ("dienstleistung",),
        ("career",),
    ),
    (
        "Hauswirtschafter",
        "Hauswirtschafterin",
        ("kochen", "alltag-familie", "geld"),
        ("dienstleistung",),
        ("family", "child"),
    ),
    ("Arzthelfer", "Arzthelferin", ("alltag-familie",), ("gesundheit",), ("family", "career")),
    (
        "Sozialarbeiter",
        "Sozialarbeiterin",
        ("behoerden", "alltag-familie"),
        ("soziales",),
        ("family", "language", "child"),
    ),
    (
        "Chemielaborant",
        "Chemielaborantin",
        ("mathe", "lernen"),
        ("naturwissenschaften",),
        ("career",),
    ),
    ("Programmierer", "Programmiererin", ("computer", "mathe"), ("it",), ("career",)),
    (
        "Gärtnermeister",
        "Gärtnermeisterin",
        ("natur-garten", "handwerk"),
        ("landwirtschaft",),
        ("career", "child"),
    ),
    ("Koch", "Köchin", ("kochen",), ("dienstleistung",), ("career", "child")),
    (
        "Speditionskaufmann",
        "Speditionskauffrau",
        ("bewerbung", "geld"),
        ("verkehr-logistik", "wirtschaft-verwaltung"),
        ("career",),
    ),
    ("Berufskraftfahrer", None, ("handwerk",), ("verkehr-logistik",), ("career",)),
    (
        "Bauzeichner",
        "Bauzeichnerin",
        ("computer", "mathe"),
        ("bau", "kunst-gestaltung"),
        ("career",),
    ),
    ("Redakteur", "Redakteurin", ("deutsch", "bewerbung"), ("medien",), ("career", "language")),
    ("Musiklehrer", "Musiklehrerin", ("musik-kultur", "lernen"), ("kunst-gestaltung",), ("child",)),
    ("Sportlehrer", "Sportlehrerin", ("sport", "lernen"), ("soziales",), ("child", "career")),
    (
        "Steuerfachangestellter",
        "Steuerfachangestellte",
        ("geld", "behoerden"),
        ("wirtschaft-verwaltung",),
        ("career", "language"),
    ),
    (
        "Sekretär",
        "Sekretärin",
        ("computer", "bewerbung", "behoerden"),
        ("wirtschaft-verwaltung",),
        ("career", "language"),
    ),
    ("Dolmetscher", "Dolmetscherin", ("deutsch", "behoerden"), ("medien",), ("language",)),
    (
        "Schneider",
        "Schneiderin",
        ("handwerk",),
        ("produktion", "kunst-gestaltung"),
        ("child", "career"),
    ),
    ("Postbeamter", "Postbeamtin", ("behoerden",), ("verkehr-logistik",), ("career", "language")),
    (
        "Inhaber eines Handwerksbetriebs",
        "Inhaberin eines Handwerksbetriebs",
        ("gruendung", "handwerk", "geld"),
        ("bau", "wirtschaft-verwaltung"),
        ("career", "founder"),
    ),
    (
        "Unternehmensberater",
        "Unternehmensberaterin",
        ("gruendung", "geld", "computer"),
        ("wirtschaft-verwaltung",),
        ("founder", "career"),
    ),
    (
        "Kinderpfleger",
        "Kinderpflegerin",
        ("alltag-familie", "vorlesen-spielen"),
        ("soziales",),
        ("family", "child"),
    ),
)

HOBBY_TAGS = ("natur-garten", "musik-kultur", "sport", "kochen", "vorlesen-spielen", "computer")

INTERESTS = (
    "Radfahren am Rhein-Herne-Kanal",
    "Gartenarbeit im Kleingarten",
    "Wandern im Gysenberg",
    "Singen im Chor",
    "Fußball im Verein",
    "Kochen und Backen",
    "Lesen",
    "Modelleisenbahn",
    "Schach",
    "Nähen",
    "Fotografie",
    "Brieftauben",
    "Kegeln",
    "Tanzen",
    "Handarbeiten",
    "Heimatgeschichte und Bergbau",
    "Enkelkinder",
    "Reisen",
    "Angeln",
    "Malen",
)

EXPERIENCE_EXTRAS = (
    "Habe im Betrieb viele Jahre Auszubildende betreut.",
    "War lange im Elternbeirat der Schule meiner Kinder.",
    "Bin Übungsleiter*in im Sportverein.",
    "Habe schon als Lesepatin oder Lesepate vorgelesen.",
    "Habe Prüfungsausschüsse der Kammer begleitet.",
    "Helfe in der Nachbarschaft gern bei Briefen und Formularen.",
    "Habe selbst drei Kinder großgezogen.",
)

PARTNER_WISHES = (
    "Gern eine Familie in meiner Nähe.",
    "Gern jemand, der sich für Technik interessiert.",
    "Gern auch eine Familie mit mehreren Kindern.",
    "Gern jemand, der gern draußen unterwegs ist.",
    "Am liebsten feste Termine in der Woche.",
    "Gern jemand, der Freude an Musik hat.",
)

HEARD_FROM = ("newspaper", "internet", "ehrenamtsbuero", "bsz", "friends", "event", "other")

# Career goals of young people: (male wording, female wording, KAoA career fields).
CAREER_GOALS = (
    (
        "Ausbildung als Elektroniker für Energie- und Gebäudetechnik",
        "Ausbildung als Elektronikerin für Energie- und Gebäudetechnik",
        ("elektro", "technik"),
    ),
    (
        "Ausbildung als Elektroniker für Betriebstechnik",
        "Ausbildung als Elektronikerin für Betriebstechnik",
        ("elektro", "technik"),
    ),
    (
        "Ausbildung zum Kaufmann für Büromanagement",
        "Ausbildung zur Kauffrau für Büromanagement",
        ("wirtschaft-verwaltung",),
    ),
    (
        "Ausbildung als Kfz-Mechatroniker",
        "Ausbildung als Kfz-Mechatronikerin",
        ("metall", "technik", "verkehr-logistik"),
    ),
    (
        "Ausbildung zum Medizinischen Fachangestellten",
        "Ausbildung zur Medizinischen Fachangestellten",
        ("gesundheit",),
    ),
    ("Ausbildung zum Pflegefachmann", "Ausbildung zur Pflegefachfrau", ("gesundheit", "soziales")),
    (
        "Ausbildung als Anlagenmechaniker (Sanitär, Heizung, Klima)",
        "Ausbildung als Anlagenmechanikerin (Sanitär, Heizung, Klima)",
        ("metall", "bau", "technik"),
    ),
    ("Ausbildung zum Erzieher", "Ausbildung zur Erzieherin", ("soziales",)),
    (
        "Ausbildung als Fachinformatiker (Anwendungsentwicklung)",
        "Ausbildung als Fachinformatikerin (Anwendungsentwicklung)",
        ("it",),
    ),
    (
        "Ausbildung als Industriemechaniker",
        "Ausbildung als Industriemechanikerin",
        ("metall", "produktion"),
    ),
    ("Ausbildung zum Verkäufer", "Ausbildung zur Verkäuferin", ("handel",)),
    (
        "Ausbildung als Fachkraft für Lagerlogistik",
        "Ausbildung als Fachkraft für Lagerlogistik",
        ("verkehr-logistik",),
    ),
    ("Ausbildung zum Koch", "Ausbildung zur Köchin", ("dienstleistung",)),
    ("Ausbildung als Tischler", "Ausbildung als Tischlerin", ("bau", "produktion")),
    ("Ausbildung zum Friseur", "Ausbildung zur Friseurin", ("dienstleistung",)),
    ("Ausbildung zum Bankkaufmann", "Ausbildung zur Bankkauffrau", ("wirtschaft-verwaltung",)),
    ("Ausbildung als Chemielaborant", "Ausbildung als Chemielaborantin", ("naturwissenschaften",)),
    (
        "Ausbildung als Mediengestalter",
        "Ausbildung als Mediengestalterin",
        ("medien", "kunst-gestaltung"),
    ),
    (
        "Ausbildung als Gärtner (Garten- und Landschaftsbau)",
        "Ausbildung als Gärtnerin (Garten- und Landschaftsbau)",
        ("landwirtschaft",),
    ),
    (
        "Ausbildung zum Verwaltungsfachangestellten",
        "Ausbildung zur Verwaltungsfachangestellten",
        ("wirtschaft-verwaltung",),
    ),
    (
        "Ausbildung zum Zahnmedizinischen Fachangestellten",
        "Ausbildung zur Zahnmedizinischen Fachangestellten",
        ("gesundheit",),
    ),
    ("Ausbildung als Maurer", "Ausbildung als Maurerin", ("bau",)),
    (
        "Ausbildung als Fachkraft im Gastgewerbe",
        "Ausbildung als Fachkraft im Gastgewerbe",
        ("dienstleistung",),
    ),
    (
        "Ausbildung als Berufskraftfahrer",
        "Ausbildung als Berufskraftfahrerin",
        ("verkehr-logistik",),
    ),
)

# Referring organisations (invented, plausible) by kind and by the programme kind they refer to.
ORGANISATIONS = {
    "school": {
        "career": (
            "Pestalozzi-Gymnasium Herne",
            "Gesamtschule Herne-Wanne",
            "Realschule Sodingen",
            "Hauptschule Eickel",
            "Städtisches Berufskolleg Herne",
            "Gymnasium Röhlinghausen",
            "Sekundarschule Crange",
            "Realschule Holsterhausen",
        ),
        "child": (
            "Grundschule Baukau",
            "Offene Ganztagsschule der Grundschule Börnig",
            "Grundschule am Wanner Markt",
            "Grundschule Horsthausen",
        ),
        "language": (
            "Internationale Förderklasse am Städtischen Berufskolleg Herne",
            "Grundschule am Wanner Markt",
        ),
    },
    "youth_office": {
        "any": (
            "Stadt Herne – Jugendamt, Allgemeiner Sozialer Dienst Wanne",
            "Stadt Herne – Jugendamt, Allgemeiner Sozialer Dienst Herne-Mitte",
            "Stadt Herne – Frühe Hilfen",
        ),
    },
    "care_home": {
        "any": (
            "Jugendwohngruppe Haus Emscherblick",
            "Kinder- und Jugendhaus am Volkspark",
            "Verselbstständigungsgruppe Herne-Süd",
        ),
    },
    "business_agency": {
        "any": ("Wirtschaftsförderungsgesellschaft Herne (WFG)",),
    },
    "counselling": {
        "career": ("Jugendmigrationsdienst Herne", "Jugendberufshilfe Herne"),
        "family": (
            "Familienberatungsstelle Herne-Mitte",
            "Schwangerschaftsberatung Wanne-Eickel",
            "Familienzentrum Sodingen",
        ),
        "child": ("Familienzentrum Sodingen", "Familienberatungsstelle Herne-Mitte"),
        "language": (
            "Migrationsberatung für Erwachsene Herne",
            "Flüchtlingsberatung Herne",
            "Jugendmigrationsdienst Herne",
        ),
        "founder": ("Gründungsberatung Herne",),
        "care": ("Jugendberufshilfe Herne",),
    },
}

# Which kinds of referrers register requests of a programme kind (relative weights).
REFERRER_KINDS = {
    "career": {
        "school": 60,
        "counselling": 20,
        "care_home": 10,
        "youth_office": 5,
        "business_agency": 5,
    },
    "family": {"youth_office": 50, "counselling": 50},
    "child": {"school": 30, "youth_office": 30, "counselling": 40},
    "language": {"counselling": 70, "youth_office": 15, "school": 15},
    "care": {"care_home": 85, "youth_office": 15},
    "founder": {"business_agency": 80, "counselling": 20},
    "youth": {"school": 40, "youth_office": 30, "counselling": 30},
    "adult": {"counselling": 70, "youth_office": 30},
}

GOALS = {
    "career": (
        "Ich suche einen Ausbildungsplatz und brauche Hilfe bei den Bewerbungen.",
        "Ich weiß noch nicht, welcher Beruf zu mir passt.",
        "Ich möchte mich gut auf Vorstellungsgespräche vorbereiten.",
        "Ich bin in der Ausbildung und möchte Unterstützung beim Lernen für die Prüfung.",
        "Ich möchte ein Praktikum finden.",
    ),
    "career_referred": (
        "Schülerin oder Schüler der Klasse 9, braucht Unterstützung bei der Berufsorientierung.",
        "Sucht nach dem Schulabschluss einen Ausbildungsplatz; Bewerbungsunterlagen fehlen noch.",
        "Auszubildende Person im ersten Lehrjahr; Begleitung zum Durchhalten gewünscht.",
    ),
    "family": (
        "Unterstützung im Alltag, z. B. Spaziergänge mit dem Baby, damit ich Zeit für Termine "
        "habe.",
        "Wir sind neu in Herne und haben keine Großeltern in der Nähe.",
        "Ich bin alleinerziehend und wünsche mir ab und zu eine helfende Hand.",
        "Hilfe bei Behördenpost rund um Elterngeld und Kita-Platz.",
    ),
    "child": (
        "Unser Kind wünscht sich eine Leih-Oma oder einen Leih-Opa zum Vorlesen und Spielen.",
        "Gemeinsame Ausflüge in die Natur wären schön.",
        "Hilfe bei den Hausaufgaben und jemand, der Zeit zum Zuhören hat.",
        "Die Großeltern wohnen weit weg; wir wünschen uns eine Patenschaft.",
    ),
    "language": (
        "Hilfe bei Briefen von Vermieter, Stadtwerken und Schule.",
        "Begleitung zu Terminen bei Kita und Schule.",
        "Wir sind neu in Herne und brauchen Orientierung in der Stadt.",
        "Unterstützung beim Ausfüllen von Formularen.",
    ),
    "care": (
        "Eine verlässliche erwachsene Person außerhalb der Wohngruppe.",
        "Begleitung beim Übergang in die eigene Wohnung.",
    ),
    "founder": (
        "Ich möchte einen kleinen Betrieb gründen und suche Rat zum Businessplan.",
        "Ich habe ein Geschäft eröffnet und brauche Unterstützung bei Finanzen und Kalkulation.",
    ),
    "youth": (
        "Ich wünsche mir eine erfahrene Person, die mich begleitet.",
        "Unterstützung in Schule und Alltag.",
    ),
    "adult": (
        "Ich wünsche mir eine erfahrene Person, die mich berät.",
        "Unterstützung bei Bewerbungen und Behördenpost.",
    ),
}

NEEDS = {
    "career": (
        "berufsorientierung",
        "bewerbung",
        "vorstellungsgespraech",
        "mathe",
        "deutsch",
        "computer",
        "lernen",
    ),
    "family": ("alltag-familie", "behoerden", "kochen", "vorlesen-spielen", "geld"),
    "child": ("vorlesen-spielen", "lernen", "natur-garten", "sport", "musik-kultur", "deutsch"),
    "language": ("behoerden", "deutsch", "alltag-familie", "lernen"),
    "care": ("alltag-familie", "geld", "behoerden", "berufsorientierung", "sport"),
    "founder": ("gruendung", "geld", "computer", "behoerden"),
    "youth": ("lernen", "sport", "musik-kultur", "berufsorientierung"),
    "adult": ("berufsorientierung", "bewerbung", "behoerden", "geld", "computer"),
}

# Rough relative population of the quarters, so that the busy ones get more sign-ups.
PLACE_WEIGHTS = {
    "mitte": 14,
    "sued": 8,
    "baukau-ost": 5,
    "holsterhausen": 7,
    "wanne": 12,
    "crange": 5,
    "baukau-west": 4,
    "eickel": 10,
    "roehlinghausen": 7,
    "wanne-sued": 6,
    "sodingen": 8,
    "boernig": 5,
    "holthausen": 4,
    "horsthausen": 6,
}

# Approximate postal codes per quarter; a demo needs plausible, not exact, addresses.
PLACE_POSTAL_CODES = {
    "mitte": ("44623", "44625"),
    "sued": ("44625", "44629"),
    "baukau-ost": ("44628",),
    "holsterhausen": ("44625", "44649"),
    "wanne": ("44649", "44651"),
    "crange": ("44651",),
    "baukau-west": ("44628", "44651"),
    "eickel": ("44651", "44652"),
    "roehlinghausen": ("44653",),
    "wanne-sued": ("44649", "44652"),
    "sodingen": ("44627",),
    "boernig": ("44627", "44628"),
    "holthausen": ("44627",),
    "horsthausen": ("44628",),
}
