package main

// Word lists of the conversion rules. Upper case, as the dictionaries write.

// titleStart are the words that, first in a name, begin a title to strip:
// "PRESIDENT_BORIS_YELTSIN", "FORMER_PRESIDENT_GERALD_R._FORD",
// "SECRETARY-GENERAL_BAN_KI-MOON". GENERAL is not one (GENERAL_MOTORS).
var titleStart = set(
	"PRESIDENT", "PRESIDENT-ELECT", "VICE", "VICE-PRESIDENT", "PRIME", "PREMIER", "MINISTER",
	"FOREIGN", "DEFENSE", "DEFENCE", "INTERIOR", "FINANCE", "SECRETARY", "SECRETARY-GENERAL",
	"SEC.", "SECY", "GEN.", "FORMER", "EX", "EX-PRESIDENT", "EX-SOVIET", "ACTING", "DEPUTY",
	"CHANCELLOR", "KING", "QUEEN", "PRINCE", "CROWN", "EMIR", "SHEIKH", "SHEIK", "LEADER",
	"CHAIRMAN", "CHAIRWOMAN", "SPEAKER", "SENATOR", "SEN.", "REP.", "GOVERNOR", "AMBASSADOR",
	"ENVOY", "SPOKESMAN", "SPOKESWOMAN", "COMMANDER", "MARSHAL", "FIELD", "COL.", "COLONEL",
	"LT.", "LIEUTENANT", "ADMIRAL", "DR.", "MR.", "MRS.", "MS.", "AYATOLLAH", "REFORMER",
	"DICTATOR", "STRONGMAN", "ATTORNEY", "CHIEF", "DIRECTOR", "COMMISSIONER", "ADVISER",
	"ADVISOR", "HEAD", "OPPOSITION", "REBEL", "GENERAL", "GENERALISSIMO", "PRES.",
	"SAYYID", "SAYYED", "SEYYED", "SAYED", "SHAIKH", "SHAYKH", "CAPT.", "CAPTAIN", "MAJOR", "MAJ.",
)

// generic are words that name no one in particular: titles, function words
// and the institutions of a title ("SECRETARY OF DEFENSE"). A name made of
// generic and place words only, with a title among them, is an office
// ("PRESIDENT_OF_THE_UNITED_STATES_", "UN_SECRETARY_GENERAL"), not an actor.
var generic = union(titleStart, set(
	"OF", "THE", "FOR", "AND", "TO", "IN", "ON", "AT", "UN", "U.N.", "US", "U.S.", "UNITED",
	"STATES", "NATIONS", "HIGH", "SPECIAL", "SENIOR", "TOP", "STATE", "SECURITY", "NATIONAL",
	"TRADE", "TREASURY", "HOMELAND", "JUSTICE", "COMMANDER-IN-CHIEF", "IN-CHIEF", "POTUS",
	"MONITOR", "PEACEKEEPER", "PEACEKEEPERS", "REPRESENTATIVE", "RAPPORTEUR", "RESIDENT",
	"OFFICIAL", "OFFICIALS", "GENERAL", "AMERICAN", "SOVIET", "BRITISH", "ARMY", "STAFF",
	"HUMAN", "RIGHTS", "COUNCIL", "HOUSE", "WHITE", "AFFAIRS", "MINISTERS", "PRESIDENTS",
	"UNDERSECRETARY", "UNDER", "ASSISTANT", "CABINET", "MEMBER", "MEMBERS", "SPOKESPERSON",
	"NEW", "CHIEFS", "JOINT", "ARMED", "FORCES", "SUPREME", "LEADERS", "COMMISSION", "EUROPEAN",
))

// institution are words that make a name an organisation's (checked before
// any person evidence except CountryInfo's).
var institution = set(
	"ARMY", "ARMIES", "PARTY", "PARTIES", "MINISTRY", "MINISTRIES", "DEPARTMENT", "COUNCIL",
	"FRONT", "MOVEMENT", "GOVERNMENT", "ASSEMBLY", "PARLIAMENT", "COURT", "COMMITTEE",
	"COMMISSION", "UNION", "LEAGUE", "ORGANIZATION", "ORGANISATION", "ORGANIZATIONS",
	"ASSOCIATION", "FORCE", "FORCES", "AGENCY", "BANK", "OFFICE", "BRIGADE", "BRIGADES",
	"GROUP", "GROUPS", "CELLS", "CELL", "NUCLEI", "NUCLEUS", "FACTION", "ALLIANCE", "CONGRESS",
	"SOCIETY", "INSTITUTE", "UNIVERSITY", "FOUNDATION", "FUND", "PROGRAM", "PROGRAMME", "CORPS",
	"POLICE", "GUARD", "GUARDS", "NAVY", "SERVICE", "SERVICES", "BUREAU", "AUTHORITY",
	"TRIBUNAL", "SENATE", "SECRETARIAT", "MISSION", "NATIONS", "CENTER", "CENTRE", "NETWORK",
	"COMPANY", "CORPORATION", "CORP.", "INC.", "INC", "LTD", "LTD.", "AIRLINES", "AIRWAYS",
	"MILITARY", "COMMAND", "REGIME", "ADMINISTRATION", "CABINET", "JUNTA", "CHAMBER", "BOARD",
	"FEDERATION", "CONFEDERATION", "COALITION", "BLOC", "BATTALION", "BATTALIONS", "MILITIA",
	"MILITIAS", "REBELS", "MUJAHIDEEN", "JIHAD", "BROTHERHOOD", "SYNDICATE", "CARTEL",
	"COOPERATIVE", "TRUST", "WATCH", "INTERNATIONAL", "CROSS", "CRESCENT", "RESISTANCE",
	"LIBERATION", "REVOLUTIONARY", "OBSERVATORY", "COMMUNIST", "SOCIALIST", "DEMOCRATIC",
	"ISLAMIC", "COMMUNITY", "CONFERENCE", "FORUM", "TREATY", "PACT", "INITIATIVE", "PROJECT",
	"TEAM", "UNIT", "UNITS", "DIVISION", "REGIMENT", "FLEET", "SQUAD", "SQUADRON", "TIGERS",
	"SOLDIERS", "TROOPS", "MARINES", "COMMANDOS", "FIGHTERS", "ACTION", "ARMED", "NEWS",
	"TIMES", "POST", "TELEVISION", "RADIO", "PRESS", "SCHOOL", "COLLEGE", "ACADEMY", "CHURCH",
	"REPUBLIC", "KINGDOM", "EMIRATE", "STATE", "PEOPLE'S", "PEOPLES", "WORKERS", "PARTNERS",
	"HOLDINGS", "GROUP,", "INDUSTRIES", "ENTERPRISE", "ENTERPRISES", "CONSORTIUM", "COUNCILS",
	"COMMITTEES", "LEGION", "BRIGADA", "EJERCITO", "HEZBOLLAH", "TALIBAN", "AL-QAEDA",
	"SECURITY", "INTELLIGENCE", "EMBASSY", "CONSULATE", "DELEGATION", "PARLIAMENTARY",
	"JUDICIARY", "SUPREME", "NATIONAL", "FEDERAL", "MINISTRY,", "TROIKA", "CONVENTION",
	// Arabic words for army, movement, party, battalion, brigade, council
	"JAISH", "JAYSH", "JAMAAT", "JAMAAH", "HARAKAT", "HARAKAH", "KATAIB", "KATIBAT", "LIWA",
	"TANZIM", "HIZB", "FAILAQ", "SARAYA", "MAJLIS", "JABHAT", "JABHA", "JAMIAT", "TEHRIK", "LASHKAR",
	"THINK", "TANK", "REPUBLICA",
)

// commonWords are single words that are never aliases on their own, even
// where the dictionaries list them ("+GOVERNMENT", "+SOVIET").
var commonWords = set(
	"GOVERNMENT", "ARMY", "PARTY", "PRESIDENT", "MINISTER", "POLICE", "MILITARY", "REBELS",
	"REBEL", "OPPOSITION", "PARLIAMENT", "CONGRESS", "SENATE", "COURT", "CABINET", "REGIME",
	"STATE", "NATION", "REPUBLIC", "KINGDOM", "UNION", "FRONT", "MOVEMENT", "COUNCIL",
	"MILITANTS", "INSURGENTS", "TROOPS", "FORCES", "SOVIET", "SOVIETS", "WEST", "EAST", "NORTH",
	"SOUTH", "COMMUNISTS", "DEMOCRATS", "REPUBLICANS", "ISLAMISTS", "JIHADISTS", "LEADER",
	"CHIEF", "AGENCY", "BANK", "FUND", "WORLD", "INTERNATIONAL", "NATIONAL", "GLOBAL", "UNITED",
	"ALLIANCE", "COALITION", "MISSION", "OFFICE", "BOARD", "COMMITTEE", "COMMISSION", "KING",
	"QUEEN", "PRINCE", "EMIR", "SHEIKH", "GENERAL", "ADMIRAL", "COLONEL", "PRIME", "DEPUTY",
	"SECURITY", "PEACE", "LIBERTY", "FREEDOM", "JUSTICE", "UNITY", "DEMOCRACY", "ISLAM",
	"MUSLIM", "MUSLIMS", "CHRISTIAN", "CHRISTIANS", "JEWISH", "JEWS", "ARAB", "ARABS",
	"KURDS", "KURDISH", "AFRICA", "AFRICAN", "ASIA", "ASIAN", "EUROPE", "EUROPEAN", "AMERICA",
	"AMERICAN", "AMERICANS", "GROUP", "NETWORK", "CENTER", "CENTRE", "INSTITUTE", "PRESS",
	"NEWS", "TIMES", "POST", "HERALD", "STAR", "SUN", "MAIL", "EXPRESS", "TRIBUNE", "JOURNAL",
)

// isoTerritories are ISO 3166-1 alpha-3 codes of dependent territories
// that Phoenix writes after their state's code (GBRVGB, FRNWLF) and the
// hand KB has no entry for.
var isoTerritories = set(
	"VGB", "CYM", "COK", "FLK", "IMN", "VIR", "WLF", "GUF", "PYF", "NCL", "MTQ", "GLP", "REU",
	"MYT", "SPM", "ABW", "CUW", "SXM", "BMU", "AIA", "MSR", "TCA", "PCN", "SHN", "NIU", "TKL",
	"ASM", "MNP", "GUM", "PRI", "JEY", "GGY", "FRO", "GRL", "NFK", "CXR", "CCK", "ESH", "ANT",
)

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

func union(a, b map[string]bool) map[string]bool {
	m := make(map[string]bool, len(a)+len(b))
	for k := range a {
		m[k] = true
	}
	for k := range b {
		m[k] = true
	}
	return m
}
