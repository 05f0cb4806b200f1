#include "domain/seed_model.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace ctl::seed::model {

// ---- random numbers ------------------------------------------------------------------------

__extension__ typedef unsigned __int128 Uint128;

std::uint64_t Rng::below(std::uint64_t n) {
    if (n == 0) return 0;
    return static_cast<std::uint64_t>((static_cast<Uint128>(next()) * n) >> 64);
}

int Rng::pick(const double* weights, int n) {
    double total = 0;
    for (int i = 0; i < n; ++i) total += weights[i];
    double x = unit() * total;
    for (int i = 0; i < n; ++i) {
        if (x < weights[i]) return i;
        x -= weights[i];
    }
    return n - 1;
}

namespace {

std::int64_t exp_draw(Rng& r, double mean) {
    return static_cast<std::int64_t>(-std::log(1.0 - r.unit()) * mean);
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

}  // namespace

// ---- catalogue -------------------------------------------------------------------------------

const char* tier_name(Tier t) {
    switch (t) {
        case Tier::matt: return "matt";
        case Tier::pro: return "pro";
        case Tier::enterprise: return "enterprise";
    }
    return "matt";
}

const PlanDef k_plans[k_plan_count] = {
    {"matt-monthly", "Matt Monthly", Tier::matt, false, 1900, 7, 3},
    {"matt-yearly", "Matt Yearly", Tier::matt, true, 19000, 0, 3},
    {"pro-monthly", "Pro Monthly", Tier::pro, false, 4900, 7, 10},
    {"pro-yearly", "Pro Yearly", Tier::pro, true, 49000, 0, 10},
    {"enterprise-monthly", "Enterprise Monthly", Tier::enterprise, false, 19900, 0, 0},
};

const CouponDef k_coupons[k_coupon_count] = {
    {"WELCOME20", 20, 0, CouponDuration::once, 0, 0},
    {"LAUNCH50", 50, 0, CouponDuration::repeating, 3, 0},
    {"AGENCY15", 15, 0, CouponDuration::forever, 0, 0},
    {"SAVE5", 0, 500, CouponDuration::forever, 0, 0},
    {"BLACKFRIDAY30", 30, 0, CouponDuration::once, 0, 0},
    {"BETA100", 100, 0, CouponDuration::once, 0, 50},
};

const char* agent_status_name(AgentStatus s) {
    static const char* const names[] = {"pending", "deploying", "active", "failed", "cancelled", "deleted"};
    return names[static_cast<int>(s)];
}
const char* deploy_status_name(DeployStatus s) {
    static const char* const names[] = {"queued", "running", "succeeded", "failed", "cancelled"};
    return names[static_cast<int>(s)];
}
const char* sub_status_name(SubStatus s) {
    static const char* const names[] = {"trialing", "active", "past_due", "paused", "canceled"};
    return names[static_cast<int>(s)];
}
const char* event_kind_name(EventKind k) {
    static const char* const names[] = {"created", "trial_started", "activated", "renewed", "plan_changed",
                                        "past_due", "paused", "resumed", "canceled", "reactivated"};
    return names[static_cast<int>(k)];
}
const char* pay_status_name(PayStatus s) {
    static const char* const names[] = {"pending", "succeeded", "failed", "refunded", "partially_refunded", "canceled"};
    return names[static_cast<int>(s)];
}

const char* const k_provider_status_words[] = {
    "succeeded", "processing", "requires_payment_method", "canceled",
    "finished", "waiting", "confirming", "failed", "expired", "partially_paid", "refunded",
};

const Name Lists::first_names[] = {
    {"Thabo", "thabo"}, {"Sipho", "sipho"}, {"Lerato", "lerato"}, {"Naledi", "naledi"},
    {"Bongani", "bongani"}, {"Zanele", "zanele"}, {"Lindiwe", "lindiwe"}, {"Mpho", "mpho"},
    {"Kagiso", "kagiso"}, {"Palesa", "palesa"}, {"Themba", "themba"}, {"Nomvula", "nomvula"},
    {"Ayanda", "ayanda"}, {"Sibusiso", "sibusiso"}, {"Nandi", "nandi"}, {"Karabo", "karabo"},
    {"Tshepo", "tshepo"}, {"Refilwe", "refilwe"}, {"Lwazi", "lwazi"}, {"Zodwa", "zodwa"},
    {"Pieter", "pieter"}, {"Johan", "johan"}, {"Annelie", "annelie"}, {"Marike", "marike"},
    {"Riaan", "riaan"}, {"Elmarie", "elmarie"}, {"Francois", "francois"}, {"Wilhelm", "wilhelm"},
    {"Anri", "anri"}, {"Jaco", "jaco"}, {"James", "james"}, {"Olivia", "olivia"},
    {"Emma", "emma"}, {"Liam", "liam"}, {"Noah", "noah"}, {"Ava", "ava"},
    {"Sophia", "sophia"}, {"Jack", "jack"}, {"Harry", "harry"}, {"Charlotte", "charlotte"},
    {"Amelia", "amelia"}, {"George", "george"}, {"Oliver", "oliver"}, {"Isla", "isla"},
    {"Grace", "grace"}, {"Ella", "ella"}, {"Lucy", "lucy"}, {"Daniel", "daniel"},
    {"Michael", "michael"}, {"Sarah", "sarah"}, {"Jessica", "jessica"}, {"David", "david"},
    {"Emily", "emily"}, {"Hannah", "hannah"}, {"Matthew", "matthew"}, {"Ryan", "ryan"},
    {"Megan", "megan"}, {"Joshua", "joshua"}, {"Thomas", "thomas"}, {"Rebecca", "rebecca"},
    {"Zoë", "zoe"}, {"José", "jose"}, {"Chloé", "chloe"}, {"Renée", "renee"},
    {"Søren", "soren"}, {"Björn", "bjorn"}, {"Łukasz", "lukasz"}, {"Zoltán", "zoltan"},
    {"Anaïs", "anais"}, {"Noémie", "noemie"}, {"Jürgen", "jurgen"}, {"Małgorzata", "malgorzata"},
    {"Siobhán", "siobhan"}, {"Seán", "sean"}, {"Aoife", "aoife"}, {"Niamh", "niamh"},
    {"Ngozi", "ngozi"}, {"Chidi", "chidi"}, {"Oluwaseun", "oluwaseun"}, {"Adaeze", "adaeze"},
    {"Kwame", "kwame"}, {"Amara", "amara"}, {"Wanjiru", "wanjiru"}, {"Juma", "juma"},
    {"Aisha", "aisha"}, {"Fatima", "fatima"}, {"Omar", "omar"}, {"Yusuf", "yusuf"},
    {"Priya", "priya"}, {"Arjun", "arjun"}, {"Ananya", "ananya"}, {"Rohan", "rohan"},
    {"Wei", "wei"}, {"Mei", "mei"}, {"Hiroshi", "hiroshi"}, {"Yuki", "yuki"},
    {"Minh", "minh"}, {"Linh", "linh"}, {"Sofía", "sofia"}, {"Mateo", "mateo"},
    {"Valentina", "valentina"}, {"Santiago", "santiago"}, {"Camila", "camila"}, {"João", "joao"},
    {"Inês", "ines"}, {"André", "andre"}, {"Lars", "lars"}, {"Ingrid", "ingrid"},
    {"Freya", "freya"}, {"Astrid", "astrid"}, {"Mikael", "mikael"}, {"Dmitri", "dmitri"},
    {"Olga", "olga"}, {"Elif", "elif"}, {"Emre", "emre"}, {"Zeynep", "zeynep"},
    {"Giulia", "giulia"}, {"Luca", "luca"}, {"Matteo", "matteo"}, {"Chiara", "chiara"},
    {"Cian", "cian"}, {"Tariq", "tariq"}, {"Layla", "layla"}, {"Hamza", "hamza"},
    {"Nia", "nia"}, {"Kofi", "kofi"}, {"Abena", "abena"}, {"Tendai", "tendai"},
    {"Rudo", "rudo"}, {"Farai", "farai"}, {"Chipo", "chipo"}, {"Tatenda", "tatenda"},
    {"Xolani", "xolani"}, {"Nokuthula", "nokuthula"}, {"Busisiwe", "busisiwe"}, {"Andile", "andile"},
    {"Lungile", "lungile"}, {"Sizwe", "sizwe"}, {"Dineo", "dineo"}, {"Kamohelo", "kamohelo"},
    {"Reza", "reza"}, {"Dara", "dara"}, {"Ahmad", "ahmad"}, {"Noor", "noor"},
    {"Ethan", "ethan"}, {"Mason", "mason"}, {"Logan", "logan"}, {"Aiden", "aiden"},
    {"Madison", "madison"}, {"Abigail", "abigail"}, {"Harper", "harper"}, {"Evelyn", "evelyn"},
    {"Benjamin", "benjamin"}, {"Samuel", "samuel"}, {"Nathan", "nathan"}, {"Isaac", "isaac"},
    {"Leah", "leah"}, {"Ruth", "ruth"}, {"Miriam", "miriam"}, {"Eitan", "eitan"},
    {"Hugo", "hugo"}, {"Léa", "lea"}, {"Manon", "manon"}, {"Théo", "theo"},
    {"Clément", "clement"}, {"Élodie", "elodie"}, {"Felix", "felix"}, {"Leonie", "leonie"},
    {"Maximilian", "maximilian"}, {"Katharina", "katharina"}, {"Sven", "sven"}, {"Annika", "annika"},
    {"Pablo", "pablo"}, {"Lucía", "lucia"}, {"Diego", "diego"}, {"Carmen", "carmen"},
    {"Rafael", "rafael"}, {"Beatriz", "beatriz"}, {"Tiago", "tiago"}, {"Larissa", "larissa"},
    {"Sanjay", "sanjay"}, {"Deepa", "deepa"}, {"Vikram", "vikram"}, {"Kavya", "kavya"},
    {"Haruto", "haruto"}, {"Sakura", "sakura"}, {"Jia", "jia"}, {"Hao", "hao"},
    {"Ji-woo", "jiwoo"}, {"Seo-yeon", "seoyeon"}, {"Bao", "bao"}, {"Thanh", "thanh"},
};
const int Lists::first_count = static_cast<int>(std::size(first_names));

const Name Lists::last_names[] = {
    {"Mokoena", "mokoena"}, {"Nkosi", "nkosi"}, {"Dlamini", "dlamini"}, {"Ndlovu", "ndlovu"},
    {"Khumalo", "khumalo"}, {"Mthembu", "mthembu"}, {"Zulu", "zulu"}, {"Naidoo", "naidoo"},
    {"Pillay", "pillay"}, {"Govender", "govender"}, {"van der Merwe", "vandermerwe"}, {"Botha", "botha"},
    {"Pretorius", "pretorius"}, {"du Plessis", "duplessis"}, {"Steyn", "steyn"}, {"Venter", "venter"},
    {"Molefe", "molefe"}, {"Mahlangu", "mahlangu"}, {"Sithole", "sithole"}, {"Radebe", "radebe"},
    {"Smith", "smith"}, {"Jones", "jones"}, {"Williams", "williams"}, {"Brown", "brown"},
    {"Taylor", "taylor"}, {"Johnson", "johnson"}, {"Davies", "davies"}, {"Evans", "evans"},
    {"Wilson", "wilson"}, {"Roberts", "roberts"}, {"Walker", "walker"}, {"Wright", "wright"},
    {"Thompson", "thompson"}, {"White", "white"}, {"Hughes", "hughes"}, {"Edwards", "edwards"},
    {"Green", "green"}, {"Hall", "hall"}, {"Wood", "wood"}, {"Harris", "harris"},
    {"Martin", "martin"}, {"Jackson", "jackson"}, {"Clarke", "clarke"}, {"Lewis", "lewis"},
    {"Murphy", "murphy"}, {"O'Brien", "obrien"}, {"O'Connor", "oconnor"}, {"Kelly", "kelly"},
    {"García", "garcia"}, {"Martínez", "martinez"}, {"Rodríguez", "rodriguez"}, {"López", "lopez"},
    {"González", "gonzalez"}, {"Hernández", "hernandez"}, {"Pérez", "perez"}, {"Sánchez", "sanchez"},
    {"Müller", "muller"}, {"Schmidt", "schmidt"}, {"Schneider", "schneider"}, {"Fischer", "fischer"},
    {"Weber", "weber"}, {"Meyer", "meyer"}, {"Wagner", "wagner"}, {"Becker", "becker"},
    {"Hoffmann", "hoffmann"}, {"Schäfer", "schafer"}, {"Kowalski", "kowalski"}, {"Nowak", "nowak"},
    {"Wiśniewski", "wisniewski"}, {"Novák", "novak"}, {"Svensson", "svensson"}, {"Johansson", "johansson"},
    {"Andersson", "andersson"}, {"Nielsen", "nielsen"}, {"Hansen", "hansen"}, {"Jensen", "jensen"},
    {"Larsen", "larsen"}, {"Dubois", "dubois"}, {"Lefèvre", "lefevre"}, {"Moreau", "moreau"},
    {"Rossi", "rossi"}, {"Russo", "russo"}, {"Ferrari", "ferrari"}, {"Esposito", "esposito"},
    {"Bianchi", "bianchi"}, {"Romano", "romano"}, {"Silva", "silva"}, {"Santos", "santos"},
    {"Oliveira", "oliveira"}, {"Souza", "souza"}, {"Costa", "costa"}, {"Pereira", "pereira"},
    {"Okafor", "okafor"}, {"Adeyemi", "adeyemi"}, {"Okonkwo", "okonkwo"}, {"Eze", "eze"},
    {"Balogun", "balogun"}, {"Mensah", "mensah"}, {"Owusu", "owusu"}, {"Boateng", "boateng"},
    {"Kamau", "kamau"}, {"Otieno", "otieno"}, {"Mwangi", "mwangi"}, {"Wanjiku", "wanjiku"},
    {"Kariuki", "kariuki"}, {"Patel", "patel"}, {"Sharma", "sharma"}, {"Singh", "singh"},
    {"Kumar", "kumar"}, {"Gupta", "gupta"}, {"Reddy", "reddy"}, {"Iyer", "iyer"},
    {"Chen", "chen"}, {"Wang", "wang"}, {"Zhang", "zhang"}, {"Liu", "liu"},
    {"Huang", "huang"}, {"Nguyễn", "nguyen"}, {"Trần", "tran"}, {"Phạm", "pham"},
    {"Kim", "kim"}, {"Park", "park"}, {"Choi", "choi"}, {"Tanaka", "tanaka"},
    {"Suzuki", "suzuki"}, {"Sato", "sato"}, {"Takahashi", "takahashi"}, {"Watanabe", "watanabe"},
    {"Cohen", "cohen"}, {"Levi", "levi"}, {"Haddad", "haddad"}, {"Khoury", "khoury"},
    {"Hassan", "hassan"}, {"Ahmed", "ahmed"}, {"Yılmaz", "yilmaz"}, {"Kaya", "kaya"},
    {"Demir", "demir"}, {"Petrov", "petrov"}, {"Ivanova", "ivanova"}, {"Popescu", "popescu"},
    {"Horváth", "horvath"}, {"Nagy", "nagy"}, {"Moyo", "moyo"}, {"Chikwanha", "chikwanha"},
    {"Banda", "banda"}, {"Phiri", "phiri"}, {"Mutasa", "mutasa"}, {"Mabuza", "mabuza"},
    {"Maseko", "maseko"}, {"Shabalala", "shabalala"}, {"Ngcobo", "ngcobo"}, {"Cele", "cele"},
    {"Coetzee", "coetzee"}, {"Fourie", "fourie"}, {"Joubert", "joubert"}, {"Kruger", "kruger"},
    {"Nel", "nel"}, {"Swanepoel", "swanepoel"}, {"Visser", "visser"}, {"de Villiers", "devilliers"},
    {"Jansen", "jansen"}, {"de Vries", "devries"}, {"Bakker", "bakker"}, {"Mulder", "mulder"},
    {"Lambert", "lambert"}, {"Fontaine", "fontaine"}, {"Marchetti", "marchetti"}, {"Colombo", "colombo"},
    {"Ramírez", "ramirez"}, {"Torres", "torres"}, {"Flores", "flores"}, {"Castillo", "castillo"},
    {"Ferreira", "ferreira"}, {"Almeida", "almeida"}, {"Carvalho", "carvalho"}, {"Ribeiro", "ribeiro"},
    {"Mehta", "mehta"}, {"Desai", "desai"}, {"Joshi", "joshi"}, {"Nair", "nair"},
    {"Yamamoto", "yamamoto"}, {"Nakamura", "nakamura"}, {"Kobayashi", "kobayashi"}, {"Ito", "ito"},
    {"Lim", "lim"}, {"Tan", "tan"}, {"Ong", "ong"}, {"Goh", "goh"},
    {"Abubakar", "abubakar"}, {"Ibrahim", "ibrahim"}, {"Mohammed", "mohammed"}, {"Abdullah", "abdullah"},
};
const int Lists::last_count = static_cast<int>(std::size(last_names));

const char* const Lists::companies_a[] = {
    "Acme", "Blue Harbor", "Kasi", "Ubuntu", "Table Mountain", "Karoo", "Savanna", "Baobab",
    "Jacaranda", "Protea", "Northwind", "Brightline", "Copperleaf", "Ironbark", "Lighthouse",
    "Silverfin", "Greenfield", "Redwood", "Summit", "Horizon", "Pinnacle", "Atlas", "Nimbus",
    "Orbit", "Quantum", "Vela", "Zenith", "Mosaic", "Fynbos", "Indaba", "Sable", "Impala",
    "Kudu", "Marula", "Springbok", "Cape", "Highveld", "Lowveld", "Drakensberg", "Limpopo",
};
const int Lists::companies_a_count = static_cast<int>(std::size(companies_a));
const char* const Lists::companies_b[] = {
    "Logistics", "Digital", "Labs", "Realty", "Dental", "Legal", "Consulting", "Media",
    "Ventures", "Foods", "Travel", "Fitness", "Security", "Solar", "Motors", "Academy",
    "Health", "Insurance", "Properties", "Studio", "Capital", "Retail", "Marketing",
    "Recruitment", "Tech",
};
const int Lists::companies_b_count = static_cast<int>(std::size(companies_b));
const char* const Lists::company_forms[] = {"", " (Pty) Ltd", " Ltd", " Inc.", " GmbH", " LLC"};
const int Lists::company_form_count = static_cast<int>(std::size(company_forms));

const char* const Lists::mail_domains[] = {
    "gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "icloud.com", "proton.me", "mweb.co.za",
    "webmail.co.za", "live.com", "gmx.de", "yahoo.co.uk", "fastmail.com", "hey.com", "aol.com",
};
const int Lists::mail_domain_count = static_cast<int>(std::size(mail_domains));
namespace {
const double k_mail_domain_weights[] = {34, 9, 6, 7, 6, 4, 3, 2, 3, 2, 2, 1, 1, 1};
}

const char* const Lists::countries[] = {"ZA", "US", "GB", "NG", "KE", "DE", "NL", "IN", "BR", "CA", "AU", "FR", "AE"};
const int Lists::country_count = static_cast<int>(std::size(countries));
namespace {
// The last weight is "unknown" (NULL).
const double k_country_weights[] = {30, 22, 10, 6, 4, 5, 3, 6, 3, 3, 2, 2, 2, 2};
// Plausible first octets of consumer IPv4 space, per country.
const std::uint8_t k_v4_first[][8] = {
    {41, 102, 105, 154, 196, 197, 169, 41},     // ZA
    {23, 24, 50, 67, 71, 73, 98, 173},          // US
    {2, 5, 31, 51, 81, 86, 90, 94},             // GB
    {41, 102, 105, 129, 197, 102, 105, 41},     // NG
    {41, 102, 105, 154, 197, 196, 41, 105},     // KE
    {46, 77, 79, 84, 87, 91, 93, 93},           // DE
    {31, 62, 77, 80, 84, 145, 86, 94},          // NL
    {49, 103, 106, 117, 122, 157, 182, 103},    // IN
    {177, 179, 186, 187, 189, 191, 200, 201},   // BR
    {24, 70, 99, 142, 174, 184, 24, 99},        // CA
    {1, 14, 27, 49, 58, 101, 110, 120},         // AU
    {2, 78, 82, 86, 88, 90, 92, 176},           // FR
    {2, 5, 31, 86, 94, 92, 83, 5},              // AE
};
const std::uint16_t k_v6_prefix[][2] = {
    {0x2c0f, 0xf4c0}, {0x2600, 0x1700}, {0x2a00, 0x23c7}, {0x2c0f, 0xf7a8}, {0x2c0f, 0xfe38},
    {0x2003, 0x00e6}, {0x2a02, 0xa440}, {0x2401, 0x4900}, {0x2804, 0x014c}, {0x2607, 0xfea8},
    {0x2001, 0x8003}, {0x2a01, 0xcb00}, {0x2001, 0x08f8},
};
}  // namespace

const char* const Lists::user_agents[] = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36",
    "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.67",
    "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.6312.118 Mobile Safari/537.36",
    "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    "MeetMatt/2.4.1 (iPhone; iOS 17.4.1; Scale/3.00)",
    "MeetMatt/2.4.0 (Android 14; SM-A546E)",
};
const int Lists::user_agent_count = static_cast<int>(std::size(user_agents));

const char* const Lists::status_reasons[] = {
    "Payment dispute under review",
    "Suspicious activity: 14 agents created within an hour",
    "Unverified identity after chargeback",
    "Spam sent through agents (Telegram abuse reports)",
    "Fraudulent payments (3 chargebacks)",
    "Terms of service violation: scraping",
    "Deleted at the user's request",
    "Account closed after inactivity",
};

const Name Lists::agent_names[] = {
    {"Sales Assistant", "sales"}, {"Support Bot", "support"}, {"Lead Qualifier", "leads"},
    {"Booking Concierge", "booking"}, {"FAQ Helper", "faq"}, {"Order Tracker", "orders"},
    {"Onboarding Buddy", "onboarding"}, {"Recruiting Screener", "recruit"}, {"Property Finder", "property"},
    {"Dental Receptionist", "dental"}, {"Table Reservations", "reservations"}, {"Maths Tutor", "tutor"},
    {"Fitness Coach", "fitness"}, {"Travel Planner", "travel"}, {"Insurance Quotes", "quotes"},
    {"Crypto Alerts", "alerts"}, {"Community Moderator", "moderator"}, {"Event RSVP", "rsvp"},
    {"Invoice Chaser", "invoices"}, {"HR Helpdesk", "hr"}, {"IT Helpdesk", "it"},
    {"Newsletter Writer", "newsletter"}, {"Feedback Collector", "feedback"}, {"Appointment Reminder", "reminders"},
    {"Legal Intake", "intake"}, {"Car Sales Assistant", "cars"}, {"Solar Quotes", "solar"},
    {"Church Announcements", "church"}, {"School Parent Liaison", "school"}, {"Pharmacy Refills", "pharmacy"},
};
const int Lists::agent_name_count = static_cast<int>(std::size(agent_names));
const char* const Lists::agent_purposes[] = {
    "Answers product questions and books demos for inbound leads on Telegram",
    "First-line customer support: answers FAQs, escalates to a human when stuck",
    "Qualifies inbound leads (budget, timeline, decision maker) and hands them to sales",
    "Takes bookings and sends confirmations and reminders",
    "Answers frequently asked questions from the knowledge base",
    "Tells customers where their order is, from the shop's API",
    "Walks new customers through setting up their account",
    "Screens applicants with five questions and schedules interviews",
    "Matches buyers and renters with listings and books viewings",
    "Books, moves and confirms dental appointments",
    "Takes restaurant reservations and handles special requests",
    "Helps high-school learners with maths homework, step by step",
    "Sends workouts and checks in on clients' progress",
    "Plans itineraries and answers visa and packing questions",
    "Collects details and returns car and home insurance quotes",
    "Watches prices and wallets and alerts the group",
    "Welcomes members, answers rules questions and removes spam",
    "Collects RSVPs and dietary requirements for events",
    "Reminds clients politely about overdue invoices",
    "Answers staff questions about leave, payroll and policies",
    "Resets passwords and triages IT tickets",
    "Drafts the weekly newsletter from the team's notes",
    "Asks customers for feedback after each order and summarises it",
    "Sends appointment reminders and handles rescheduling",
    "Collects the facts of a new legal matter before the first consultation",
    "Answers questions about stock and books test drives",
    "Sizes solar installations and sends quotes",
    "Shares service times and announcements with the congregation",
    "Keeps parents informed about school events and homework",
    "Takes repeat-prescription requests and tells patients when they are ready",
};

const char* const Lists::deploy_errors[] = {
    "Devin session expired before the bot was deployed",
    "Telegram token rejected: 401 Unauthorized",
    "Build failed: npm ERR! code ERESOLVE unable to resolve dependency tree",
    "Build failed: TypeScript error TS2339 in src/handlers/message.ts",
    "Devin session blocked: waiting for user input for more than 2 hours",
    "Health check failed: bot did not answer /start within 60 s",
    "Telegram API 429 Too Many Requests: retry after 35",
    "Deployment timed out after 40 minutes",
    "Webhook registration failed: SSL certificate verify failed",
    "Devin ACU limit reached (max_acu_limit=10)",
    "Build failed: Python 3.12 wheel for tiktoken not found",
    "Telegram bot username already taken",
};
const int Lists::deploy_error_count = static_cast<int>(std::size(deploy_errors));

const char* const Lists::stripe_failures[] = {
    "Your card was declined. (card_declined: insufficient_funds)",
    "Your card has expired. (expired_card)",
    "Your card's security code is incorrect. (incorrect_cvc)",
    "Your card was declined. (card_declined: do_not_honor)",
    "This payment requires authentication. (authentication_required)",
};
const int Lists::stripe_failure_count = static_cast<int>(std::size(stripe_failures));
const char* const Lists::crypto_failures[] = {
    "Payment expired: no funds received within the payment window",
    "Partially paid: the amount received was below the invoice amount",
    "NOWPayments reported the payment as failed",
};

const char* const Lists::refund_reasons[] = {
    "requested_by_customer", "duplicate", "Agent never went live", "Billing error: charged twice",
    "Goodwill credit for downtime", "Customer cancelled within 14 days",
};
const int Lists::refund_reason_count = static_cast<int>(std::size(refund_reasons));
const char* const Lists::operators[] = {"alice", "thabo", "priya", "jan", "naledi"};
const int Lists::operator_count = static_cast<int>(std::size(operators));
const char* const Lists::coins[] = {"btc", "eth", "usdttrc20"};

// ---- calendar --------------------------------------------------------------------------------

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2 ? 1 : 0;
}

std::int64_t add_months(std::int64_t t, int months) {
    const std::int64_t days = floor_div(t, k_day);
    const std::int64_t secs = t - days * k_day;
    std::int64_t y = 0;
    unsigned m = 0, d = 0;
    civil_from_days(days, y, m, d);
    const std::int64_t total = y * 12 + static_cast<std::int64_t>(m) - 1 + months;
    const std::int64_t ny = floor_div(total, 12);
    const auto nm = static_cast<unsigned>(total - ny * 12 + 1);
    static const unsigned month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    unsigned dim = month_days[nm - 1];
    if (nm == 2 && ((ny % 4 == 0 && ny % 100 != 0) || ny % 400 == 0)) dim = 29;
    return days_from_civil(ny, nm, std::min(d, dim)) * k_day + secs;
}

namespace {
// Sign-ups and logins by hour of day (UTC): the platform's users are mostly in Africa, Europe
// and the Americas.
const double k_hour_weights[24] = {0.40, 0.30, 0.25, 0.25, 0.30, 0.45, 0.70, 0.95, 1.15, 1.25, 1.30, 1.30,
                                   1.30, 1.35, 1.40, 1.45, 1.40, 1.30, 1.20, 1.10, 1.00, 0.85, 0.70, 0.50};
}  // namespace

std::int64_t diurnal_seconds(double q) {
    double total = 0;
    for (double w : k_hour_weights) total += w;
    double x = q * total;
    for (int h = 0; h < 24; ++h) {
        if (x < k_hour_weights[h]) {
            auto s = static_cast<std::int64_t>(h * 3600 + x / k_hour_weights[h] * 3600.0);
            return std::min<std::int64_t>(s, k_day - 1);
        }
        x -= k_hour_weights[h];
    }
    return k_day - 1;
}

std::int64_t plausible_time(Rng& r, std::int64_t lo, std::int64_t hi) {
    if (hi <= lo) return lo;
    const std::int64_t t = r.range(lo, hi);
    const std::int64_t t2 = floor_div(t, k_day) * k_day + diurnal_seconds(r.unit());
    return (t2 >= lo && t2 < hi) ? t2 : t;
}

Ip roaming_ip(Rng& r, int country) {
    Ip ip;
    const int c = country < 0 ? static_cast<int>(r.below(3)) : country;
    if (r.chance(0.22)) {
        ip.v6 = true;
        ip.part[0] = k_v6_prefix[c][0];
        ip.part[1] = k_v6_prefix[c][1];
        for (int i = 2; i < 8; ++i) ip.part[i] = static_cast<std::uint16_t>(r.below(65536));
        return ip;
    }
    ip.part[0] = k_v4_first[c][r.below(8)];
    ip.part[1] = static_cast<std::uint16_t>(r.below(256));
    ip.part[2] = static_cast<std::uint16_t>(r.below(256));
    ip.part[3] = static_cast<std::uint16_t>(1 + r.below(254));
    return ip;
}

std::int64_t mrr_cents(int plan, std::int64_t discount_cents, SubStatus status) {
    if (status != SubStatus::active && status != SubStatus::past_due) return 0;
    const PlanDef& p = k_plans[plan];
    const std::int64_t net = p.price_cents - discount_cents;
    return p.yearly ? net / 12 : net;
}

// ---- the world -------------------------------------------------------------------------------

namespace {

std::uint64_t feistel(const World& w, std::uint64_t x) {
    const int h = w.feistel_half_bits;
    const std::uint64_t mask = (std::uint64_t{1} << h) - 1;
    std::uint64_t left = x >> h, right = x & mask;
    for (std::uint64_t key : w.feistel_keys) {
        const std::uint64_t f = mix64(right ^ key) & mask;
        const std::uint64_t next_right = left ^ f;
        left = right;
        right = next_right;
    }
    return (left << h) | right;
}

// A bijection of [0, name_space) onto itself (cycle walking keeps a Feistel permutation of the
// enclosing power of two inside the range).
std::uint64_t permute_name(const World& w, std::uint64_t i) {
    std::uint64_t x = i;
    do {
        x = feistel(w, x);
    } while (x >= w.name_space);
    return x;
}

}  // namespace

World make_world(std::int64_t users, std::uint64_t seed, int months, std::int64_t anchor) {
    World w;
    w.seed = seed;
    w.users = users;
    w.anchor = anchor;
    w.start = add_months(anchor, -months);
    w.span_days = (anchor - w.start) / k_day;
    Rng r(seed, 0, s_world);

    // Sign-ups per day: ~5 % growth a month, quieter weekends, day-to-day noise and a few
    // launch/press spikes. User ids follow sign-up order, like a real identity column.
    std::vector<double> weight(static_cast<std::size_t>(w.span_days));
    const double growth = std::log(1.05) / 30.44;
    static const double weekday[7] = {1.05, 1.10, 1.08, 1.05, 0.95, 0.72, 0.68};  // Mon..Sun
    for (std::int64_t d = 0; d < w.span_days; ++d) {
        const std::int64_t epoch_day = floor_div(w.start, k_day) + d;
        const auto dow = static_cast<std::size_t>(((epoch_day % 7) + 7 + 3) % 7);
        weight[static_cast<std::size_t>(d)] =
            std::exp(growth * static_cast<double>(d)) * weekday[dow] * (0.85 + 0.3 * r.unit());
    }
    const int spikes = 2 + months / 12;
    for (int i = 0; i < spikes; ++i) {
        const auto d = static_cast<std::size_t>(r.below(static_cast<std::uint64_t>(w.span_days)));
        const double f = 2.5 + 1.5 * r.unit();
        weight[d] *= f;
        if (d + 1 < weight.size()) weight[d + 1] *= 1.0 + (f - 1.0) / 2.0;
    }
    long double total = 0;
    for (double x : weight) total += x;
    w.day_first.assign(static_cast<std::size_t>(w.span_days) + 1, 0);
    long double cum = 0;
    for (std::size_t d = 0; d < weight.size(); ++d) {
        w.day_first[d] = static_cast<std::int64_t>(static_cast<long double>(users) * cum / total);
        cum += weight[d];
    }
    w.day_first.back() = users;
    for (std::size_t d = 1; d < w.day_first.size(); ++d)
        w.day_first[d] = std::max(w.day_first[d], w.day_first[d - 1]);

    // E-mail local parts: first × last × separator × numeric suffix, roomy enough that most
    // addresses need no number.
    const auto pairs = static_cast<std::uint64_t>(Lists::first_count) * static_cast<std::uint64_t>(Lists::last_count) * 3;
    const std::uint64_t suffixes = std::max<std::uint64_t>(1, (static_cast<std::uint64_t>(users) * 13 / 10 + pairs - 1) / pairs);
    w.name_space = pairs * suffixes;
    int bits = 1;
    while ((std::uint64_t{1} << bits) < w.name_space) ++bits;
    w.feistel_half_bits = (bits + 1) / 2;
    for (auto& k : w.feistel_keys) k = r.next();
    w.github_offset = r.next();

    const std::int64_t start_day = floor_div(w.start, k_day) * k_day;
    for (int i = 0; i < k_coupon_count; ++i) w.coupon_created[i] = start_day - 30 * k_day + 9 * k_hour;
    w.coupon_expires[1] = start_day + 45 * k_day;  // LAUNCH50: early adopters only
    w.coupon_created[3] = start_day + (w.span_days / 3) * k_day + 10 * k_hour;  // SAVE5
    w.coupon_created[4] = start_day + (w.span_days * 55 / 100) * k_day + 7 * k_hour;  // BLACKFRIDAY30
    w.coupon_expires[4] = w.coupon_created[4] + 7 * k_day;
    w.coupon_created[5] = start_day - 60 * k_day + 11 * k_hour;  // BETA100: closed beta, switched off
    w.coupon_expires[5] = start_day - 20 * k_day;
    w.coupon_disabled[5] = start_day - 20 * k_day;
    return w;
}

std::int64_t github_user_id(const World& w, std::int64_t uid) {
    // Odd multiplier modulo 2^27: a bijection, so ids never collide (users <= 10M < 2^27).
    const std::uint64_t mask = (std::uint64_t{1} << 27) - 1;
    return 1000 + static_cast<std::int64_t>((static_cast<std::uint64_t>(uid) * 0x9E3779B1ULL + w.github_offset) & mask);
}

void append_local_part(std::string& out, const UserCore& u) {
    out += Lists::first_names[u.first].slug;
    static const char* const separators[] = {".", "_", ""};
    out += separators[u.separator];
    out += Lists::last_names[u.last].slug;
    if (u.suffix > 0) out += std::to_string(u.suffix);
}

void append_company_domain(std::string& out, const UserCore& u) {
    const int a = u.company % Lists::companies_a_count;
    const int b = u.company / Lists::companies_a_count;
    for (const char* p : {Lists::companies_a[a], Lists::companies_b[b]})
        for (; *p; ++p)
            if (*p != ' ') out += static_cast<char>(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
    static const char* const tld_by_country[] = {".co.za", ".com", ".co.uk", ".com.ng", ".co.ke", ".de", ".nl",
                                                 ".in", ".com.br", ".ca", ".com.au", ".fr", ".ae"};
    out += u.country >= 0 && (u.company % 3) != 0 ? tld_by_country[u.country] : (u.company % 2 ? ".io" : ".com");
}

