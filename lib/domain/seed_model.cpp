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

// ---- one user: identity ------------------------------------------------------------------------

namespace {

}  // namespace

void make_user_core(const World& w, std::int64_t uid, UserCore& u) {
    u = UserCore{};
    Rng r(w.seed, static_cast<std::uint64_t>(uid), s_identity);
    u.id = uid;

    const std::int64_t idx = uid - 1;
    const auto it = std::upper_bound(w.day_first.begin(), w.day_first.end(), idx);
    const auto day = static_cast<std::size_t>(it - w.day_first.begin() - 1);
    const std::int64_t in_day = w.day_first[day + 1] - w.day_first[day];
    const double q = (static_cast<double>(idx - w.day_first[day]) + r.unit()) / static_cast<double>(in_day);
    u.signup = w.start + static_cast<std::int64_t>(day) * k_day + diurnal_seconds(q);

    std::uint64_t x = permute_name(w, static_cast<std::uint64_t>(idx));
    u.first = static_cast<int>(x % static_cast<std::uint64_t>(Lists::first_count));
    x /= static_cast<std::uint64_t>(Lists::first_count);
    u.last = static_cast<int>(x % static_cast<std::uint64_t>(Lists::last_count));
    x /= static_cast<std::uint64_t>(Lists::last_count);
    u.separator = static_cast<int>(x % 3);
    u.suffix = x / 3;

    const int c = r.pick(k_country_weights, static_cast<int>(std::size(k_country_weights)));
    u.country = c < Lists::country_count ? c : -1;

    const double p = r.unit();
    u.provider = p < 0.22   ? AuthProvider::wallet
                 : p < 0.32 ? AuthProvider::privy
                 : p < 0.55 ? AuthProvider::google
                 : p < 0.65 ? AuthProvider::github
                            : AuthProvider::email;
    u.has_wallet = u.provider == AuthProvider::wallet || (u.provider == AuthProvider::privy && r.chance(0.5));
    for (int i = 0; i < 20; i += 8) {
        const std::uint64_t bits = r.next();
        for (int j = 0; j < 8 && i + j < 20; ++j) u.wallet[i + j] = static_cast<std::uint8_t>(bits >> (8 * j));
    }
    u.auth_a = r.next();
    u.auth_b = r.next();
    u.has_name = !(u.provider == AuthProvider::wallet && r.chance(0.35));

    if (r.chance(0.4)) {
        u.company = static_cast<int>(r.below(static_cast<std::uint64_t>(Lists::companies_a_count * Lists::companies_b_count)));
        if (u.country == 0)
            u.company_form = r.chance(0.45) ? 1 : 0;
        else if (u.country == 2)
            u.company_form = r.chance(0.35) ? 2 : 0;
        else if (u.country == 5)
            u.company_form = r.chance(0.4) ? 4 : 0;
        else if (u.country == 1)
            u.company_form = r.chance(0.3) ? (r.chance(0.5) ? 3 : 5) : 0;
        u.company_mail = r.chance(0.5);
    }
    u.mail_domain = r.pick(k_mail_domain_weights, Lists::mail_domain_count);
    u.has_phone = r.chance(0.3);
    u.phone_digits = r.next();

    const double s = r.unit();
    u.status = s < 0.96 ? UserStatus::active : s < 0.98 ? UserStatus::suspended : s < 0.99 ? UserStatus::banned : UserStatus::deleted;
    if (u.status != UserStatus::active && w.anchor - u.signup < 2 * k_hour) u.status = UserStatus::active;
    u.horizon = w.anchor;
    if (u.status != UserStatus::active) {
        u.status_at = plausible_time(r, u.signup + k_hour, w.anchor);
        u.horizon = u.status_at;
        const int base = u.status == UserStatus::suspended ? 0 : u.status == UserStatus::banned ? 3 : 6;
        u.status_reason = base + static_cast<int>(r.below(u.status == UserStatus::deleted ? 2 : 3));
    }

    const double a = r.unit();
    u.archetype = a < 0.40 ? Archetype::bounce : a < 0.70 ? Archetype::casual : Archetype::core;
    switch (u.archetype) {
        case Archetype::bounce: u.life_end = u.signup + r.range(10 * k_minute, 3 * k_day); break;
        case Archetype::casual:
            u.life_end = u.signup + 3 * k_day + std::min<std::int64_t>(exp_draw(r, 45.0 * k_day), 300 * k_day);
            break;
        case Archetype::core: u.life_end = w.anchor; break;
    }
    u.life_end = std::min(u.life_end, u.horizon);

    u.pays_crypto = (u.provider == AuthProvider::wallet || u.provider == AuthProvider::privy) ? r.chance(0.8) : r.chance(0.25);
    u.home_ip = roaming_ip(r, u.country);
    u.ua_main = static_cast<int>(r.below(static_cast<std::uint64_t>(Lists::user_agent_count)));
    u.ua_alt = static_cast<int>(r.below(static_cast<std::uint64_t>(Lists::user_agent_count)));
    u.credits = r.chance(0.7) ? 100 : r.range(0, 50) * 10;
    u.quota_override = r.chance(0.03);
}

namespace {

// ---- logins ----------------------------------------------------------------------------------

void simulate_logins(const World& w, UserSim& s) {
    const UserCore& u = s.u;
    Rng r(w.seed, static_cast<std::uint64_t>(u.id), s_logins);
    s.logins.clear();
    int n = 1;
    switch (u.archetype) {
        case Archetype::bounce: n = r.chance(0.1) ? 2 : 1; break;
        case Archetype::casual: n = 1 + static_cast<int>(r.below(2)); break;
        case Archetype::core: n = 1 + static_cast<int>(r.below(3)); break;
    }
    const std::int64_t end = std::min(u.life_end, u.horizon);
    auto add = [&](std::int64_t at, bool success) {
        Login l;
        l.at = at;
        l.success = success;
        l.ip = r.chance(0.7) ? u.home_ip : roaming_ip(r, u.country);
        l.ua = r.chance(0.8) ? u.ua_main : u.ua_alt;
        s.logins.push_back(l);
    };
    const std::int64_t first = std::min(u.signup + r.range(5, 180), w.anchor - 1);
    add(first, true);
    for (int i = 1; i < n; ++i) {
        const std::int64_t t = plausible_time(r, u.signup + 10 * k_minute, end);
        if (t > first && t < end) add(t, !r.chance(0.03));
    }
    if (u.archetype == Archetype::core && r.chance(0.8)) {
        const std::int64_t t = w.anchor - r.range(k_hour, 10 * k_day);
        if (t > first && t < u.horizon) add(t, true);
    }
    if (u.status != UserStatus::active && r.chance(0.5)) {
        const std::int64_t t = u.horizon + r.range(k_hour, 20 * k_day);
        if (t < w.anchor) add(t, false);  // tried to log in after the suspension/ban/deletion
    }
    std::sort(s.logins.begin(), s.logins.end(), [](const Login& a, const Login& b) { return a.at < b.at; });
    s.last_login = 0;
    for (const Login& l : s.logins)
        if (l.success) s.last_login = l.at;
}

// ---- subscriptions and payments --------------------------------------------------------------

double coin_usd(const World& w, int coin, std::int64_t t) {
    const double day = static_cast<double>(t - w.start) / k_day;
    const double f = day / static_cast<double>(std::max<std::int64_t>(1, w.span_days));
    switch (coin) {
        case 0: return 42000.0 + 48000.0 * f + 3500.0 * std::sin(day / 11.0);
        case 1: return 2300.0 + 1200.0 * f + 260.0 * std::sin(day / 13.0 + 1.0);
        default: return 1.0 / 1.005;  // USDT, plus the network fee
    }
}

// One subscription's life, from checkout to the anchor (or the user's ban/deletion). Every
// state change becomes a SubEvent; every billing attempt a Payment.
class BillingSim {
public:
    BillingSim(const World& w, UserSim& s, IdCounters& ids, Rng& r, int agent, int plan, std::int64_t start)
        : m_w(w), m_s(s), m_ids(ids), m_r(r), m_limit(s.u.horizon), m_cut(s.u.horizon < w.anchor) {
        Subscription sub;
        sub.id = ++ids.subscription;
        sub.agent = agent;
        sub.plan = plan;
        sub.first_plan = plan;
        sub.created = start;
        sub.ev_begin = static_cast<int>(s.events.size());
        m_index = static_cast<int>(s.subs.size());
        s.subs.push_back(sub);
        m_plan = plan;
        choose_coupon(start);
    }

    bool canceled_by_status_change() const { return m_cut_canceled; }

    void run() {
        Subscription& sub = this->sub();
        const PlanDef& p = k_plans[m_plan];
        const std::int64_t s0 = sub.created;
        if (p.trial_days > 0) {
            const std::int64_t trial_end = s0 + p.trial_days * k_day;
            sub.trial_end = trial_end;
            emit(EventKind::trial_started, SubStatus::trialing, s0);
            set_period(s0, trial_end);
            const bool converts = m_r.chance(0.6);
            const std::int64_t cancel_request = s0 + m_r.range(k_hour, p.trial_days * k_day);
            if (!converts) {
                const std::int64_t c = m_r.chance(0.5) ? cancel_request : trial_end;
                if (c < m_limit)
                    cancel(c);
                else if (m_cut)
                    end_at_status_change();
                else if (cancel_request < m_w.anchor)
                    sub.cancel_at = trial_end;
                return finish();
            }
            if (trial_end >= m_limit) {
                if (m_cut) end_at_status_change();
                return finish();
            }
            start_billing(trial_end, EventKind::activated);
        } else {
            start_billing(s0, EventKind::created);
        }
        renewals();
        finish();
    }

private:
    Subscription& sub() { return m_s.subs[static_cast<std::size_t>(m_index)]; }

    void choose_coupon(std::int64_t t) {
        int c = -1;
        if (t >= m_w.coupon_created[4] && t < m_w.coupon_expires[4] && m_r.chance(0.4)) {
            c = 4;
        } else if (m_r.chance(0.1)) {
            double weights[4] = {4, t < m_w.coupon_expires[1] ? 3.0 : 0.0, m_s.u.company >= 0 ? 2.0 : 0.0,
                                 t >= m_w.coupon_created[3] ? 1.0 : 0.0};
            c = m_r.pick(weights, 4);
        }
        Subscription& s = sub();
        s.coupon = c;
        if (c >= 0) {
            const CouponDef& def = k_coupons[c];
            m_limited_left = def.duration == CouponDuration::once ? 1 : def.duration == CouponDuration::repeating ? def.duration_months : 0;
        }
        s.discount_cents = forever_discount(m_plan);
    }

    std::int64_t coupon_discount(int plan) const {
        const int c = m_s.subs[static_cast<std::size_t>(m_index)].coupon;
        if (c < 0) return 0;
        const CouponDef& def = k_coupons[c];
        const std::int64_t price = k_plans[plan].price_cents;
        return def.percent_off > 0 ? price * def.percent_off / 100 : std::min(def.amount_off_cents, price);
    }
    std::int64_t forever_discount(int plan) const {
        const int c = m_s.subs[static_cast<std::size_t>(m_index)].coupon;
        return c >= 0 && k_coupons[c].duration == CouponDuration::forever ? coupon_discount(plan) : 0;
    }
    // The charge for the period being billed now.
    std::int64_t period_amount(int plan) const {
        const std::int64_t price = k_plans[plan].price_cents - forever_discount(plan);
        return m_limited_left > 0 ? price - coupon_discount(plan) : price;
    }

    void emit(EventKind kind, SubStatus status, std::int64_t at) {
        SubEvent e;
        e.id = ++m_ids.event;
        e.at = at;
        e.kind = kind;
        e.status = status;
        e.plan = m_plan;
        e.mrr_cents = mrr_cents(m_plan, forever_discount(m_plan), status);
        m_s.events.push_back(e);
        m_status = status;
        m_last = at;
        Subscription& s = sub();
        s.status = status;
        s.plan = m_plan;
        s.discount_cents = forever_discount(m_plan);
        s.updated = at;
        s.cancel_at = 0;
        s.canceled_at = status == SubStatus::canceled ? at : 0;
        s.paused_at = status == SubStatus::paused ? at : 0;
    }

    void set_period(std::int64_t from, std::int64_t to) {
        sub().period_start = from;
        sub().period_end = to;
    }

    std::int64_t period_end_after(int periods) const {
        return add_months(m_bill_anchor, periods * (k_plans[m_plan].yearly ? 12 : 1));
    }

    void cancel(std::int64_t at) {
        emit(EventKind::canceled, SubStatus::canceled, at);
        // A cancellation at a period boundary ends the period that was running.
        if (sub().period_end > at) set_period(sub().period_start, std::max(at, sub().period_start + 1));
    }

    // The user was suspended, banned or deleted at the horizon: suspension pauses billing,
    // the others cancel it.
    void end_at_status_change() {
        const std::int64_t at = m_limit;
        if (m_status == SubStatus::canceled || at <= m_last) return;
        if (m_s.u.status == UserStatus::suspended && (m_status == SubStatus::active || m_status == SubStatus::past_due)) {
            emit(EventKind::paused, SubStatus::paused, at);
        } else if (!(m_s.u.status == UserStatus::suspended && m_status == SubStatus::paused)) {
            emit(EventKind::canceled, SubStatus::canceled, at);
            m_cut_canceled = true;
        }
    }

    Payment& pay(std::int64_t at, bool success, std::int64_t amount, bool renewal) {
        Payment p;
        p.id = ++m_ids.payment;
        p.sub = m_index;
        p.plan = m_plan;
        p.amount_cents = amount;
        p.renewal = renewal;
        p.created = at;
        p.updated = at;
        p.ext = m_r.next();
        const bool crypto = m_s.u.pays_crypto != m_r.chance(0.05);
        p.provider = crypto ? PayProvider::nowpayments : PayProvider::stripe;
        if (crypto) {
            static const double coin_weights[3] = {0.45, 0.25, 0.30};
            p.coin = m_r.pick(coin_weights, 3);
            const double units = static_cast<double>(amount) * 1e6 / coin_usd(m_w, p.coin, at);
            p.pay_units = static_cast<std::int64_t>(std::llround(units));
        }
        if (success) {
            const std::int64_t paid = at + (crypto ? m_r.range(8 * k_minute, 90 * k_minute) : m_r.range(3, 40));
            // Crypto renewals wait for the customer to send funds; a few card/bank ones are processing.
            const bool waiting = renewal && (crypto ? at >= m_w.anchor - 7 * k_day && m_r.chance(0.6)
                                                    : at >= m_w.anchor - 3 * k_day && m_r.chance(0.1));
            if (paid >= m_w.anchor || waiting) {
                p.status = PayStatus::pending;
                p.provider_status = crypto ? (paid >= m_w.anchor && !waiting ? ps_np_confirming : ps_np_waiting) : ps_stripe_processing;
            } else {
                p.status = PayStatus::succeeded;
                p.provider_status = crypto ? ps_np_finished : ps_stripe_succeeded;
                p.paid_at = paid;
                p.updated = paid;
            }
        } else if (crypto) {
            const double f = m_r.unit();
            p.failure = f < 0.55 ? 0 : f < 0.8 ? 1 : 2;
            p.status = p.failure == 0 ? PayStatus::canceled : PayStatus::failed;
            p.provider_status = p.failure == 0 ? ps_np_expired : p.failure == 1 ? ps_np_partially_paid : ps_np_failed;
            p.updated = std::min(at + m_r.range(k_hour, 24 * k_hour), m_w.anchor - 1);
        } else {
            p.status = PayStatus::failed;
            p.provider_status = ps_stripe_requires_payment_method;
            p.failure = static_cast<int>(m_r.below(static_cast<std::uint64_t>(Lists::stripe_failure_count)));
            p.updated = at + m_r.range(2, 20);
        }
        m_s.payments.push_back(p);
        Payment& stored = m_s.payments.back();
        if (stored.status == PayStatus::succeeded) maybe_refund(stored);
        return m_s.payments.back();
    }

    void maybe_refund(Payment& p) {
        if (p.paid_at + 2 * k_hour >= m_w.anchor || !m_r.chance(0.015)) return;
        const bool full = m_r.chance(0.6);
        const std::int64_t latest = std::min(p.paid_at + 20 * k_day, m_w.anchor - 1);
        std::int64_t at = m_r.range(p.paid_at + k_hour, latest);
        auto add = [&](std::int64_t amount, std::int64_t when, int seq) {
            Refund f;
            f.id = ++m_ids.refund;
            f.payment = static_cast<int>(m_s.payments.size()) - 1;
            f.amount_cents = amount;
            f.at = when;
            f.seq = seq;
            f.reason = static_cast<int>(m_r.below(static_cast<std::uint64_t>(Lists::refund_reason_count)));
            f.operator_name = static_cast<int>(m_r.below(static_cast<std::uint64_t>(Lists::operator_count)));
            f.ext = m_r.next();
            m_s.refunds.push_back(f);
            p.refunded_cents += amount;
            p.updated = when;
        };
        if (full) {
            add(p.amount_cents, at, 1);
            p.status = PayStatus::refunded;
            if (p.provider == PayProvider::nowpayments) p.provider_status = ps_np_refunded;
            return;
        }
        add(std::max<std::int64_t>(1, p.amount_cents / 2), at, 1);
        if (m_r.chance(0.15)) {
            const std::int64_t second = m_r.range(at + k_hour, m_w.anchor - 1);
            if (second > at && second < m_w.anchor && p.amount_cents / 4 > 0) add(p.amount_cents / 4, second, 2);
        }
        p.status = PayStatus::partially_refunded;
    }

    // A charge that starts a billing cycle (conversion, checkout, resume, reactivation). A failed
    // card is fixed by the user within hours.
    void start_billing(std::int64_t at, EventKind kind) {
        const std::int64_t amount = period_amount(m_plan);
        if (kind != EventKind::created && at + 6 * k_hour < m_limit && m_r.chance(0.03)) {
            pay(at, false, amount, false);
            at += m_r.range(10 * k_minute, 6 * k_hour);
        }
        pay(at, true, amount, false);
        if (m_limited_left > 0) --m_limited_left;
        m_bill_anchor = at;
        m_periods = 1;
        emit(kind, SubStatus::active, at);
        set_period(at, period_end_after(1));
    }

    // Upgrades and downgrades take effect at a renewal, within the same billing interval.
    int plan_change(int plan) {
        switch (plan) {
            case 0: return m_r.chance(0.03) ? 2 : plan;                           // Matt → Pro
            case 1: return m_r.chance(0.08) ? 3 : plan;                           // Matt → Pro, yearly
            case 2: return m_r.chance(0.015) ? 0 : m_r.chance(0.004) ? 4 : plan;  // Pro → Matt / Enterprise
            case 4: return m_r.chance(0.01) ? 2 : plan;                           // Enterprise → Pro
            default: return plan;
        }
    }

    void renewals() {
        for (;;) {
            const std::int64_t t = sub().period_end;
            const bool yearly = k_plans[m_plan].yearly;
            const double churn = yearly ? 0.22 : 0.04;
            if (t >= m_limit) {
                if (m_cut) {
                    end_at_status_change();
                } else if (m_status == SubStatus::active && m_r.chance(churn)) {
                    // Cancellation requested, effective at the end of the running period.
                    const std::int64_t request = t - m_r.range(k_day, 25 * k_day);
                    if (request > m_last && request < m_w.anchor) {
                        sub().cancel_at = t;
                        sub().updated = request;
                    }
                }
                return;
            }
            if (m_r.chance(churn)) {
                cancel(t);
                if (m_r.chance(0.12)) {
                    const std::int64_t back = t + m_r.range(14 * k_day, 180 * k_day);
                    if (back < m_limit) {
                        start_billing(back, EventKind::reactivated);
                        continue;
                    }
                }
                return;
            }
            if (!yearly && m_r.chance(0.006)) {
                emit(EventKind::paused, SubStatus::paused, t);
                if (m_r.chance(0.65)) {
                    const std::int64_t back = t + m_r.range(20 * k_day, 90 * k_day);
                    if (back < m_limit) {
                        start_billing(back, EventKind::resumed);
                        continue;
                    }
                }
                if (m_cut) end_at_status_change();
                return;
            }
            const int next_plan = plan_change(m_plan);
            if (m_r.chance(0.04)) {
                // Renewal charge failed: past due, two retries, then involuntary churn.
                const std::int64_t amount = period_amount(m_plan);
                pay(t, false, amount, true);
                emit(EventKind::past_due, SubStatus::past_due, t);
                ++m_periods;
                set_period(t, period_end_after(m_periods));
                if (m_limited_left > 0) --m_limited_left;
                bool recovered = false;
                for (int attempt = 0; attempt < 2 && !recovered; ++attempt) {
                    const std::int64_t retry = t + (attempt == 0 ? 3 : 7) * k_day + m_r.range(0, 6 * k_hour);
                    if (retry >= m_limit) {
                        if (m_cut) end_at_status_change();
                        return;
                    }
                    const bool ok = m_r.chance(attempt == 0 ? 0.55 : 0.4);
                    pay(retry, ok, amount, true);
                    if (ok) {
                        emit(EventKind::renewed, SubStatus::active, retry);
                        recovered = true;
                    }
                }
                if (recovered) continue;
                const std::int64_t c = t + 14 * k_day;
                if (c >= m_limit) {
                    if (m_cut) end_at_status_change();
                    return;
                }
                cancel(c);
                return;
            }
            const EventKind kind = next_plan != m_plan ? EventKind::plan_changed : EventKind::renewed;
            m_plan = next_plan;
            pay(t, true, period_amount(m_plan), true);
            if (m_limited_left > 0) --m_limited_left;
            ++m_periods;
            emit(kind, SubStatus::active, t);
            set_period(t, period_end_after(m_periods));
        }
    }

    void finish() {
        Subscription& s = sub();
        s.ev_count = static_cast<int>(m_s.events.size()) - s.ev_begin;
    }

    const World& m_w;
    UserSim& m_s;
    IdCounters& m_ids;
    Rng& m_r;
    std::int64_t m_limit;
    bool m_cut;
    bool m_cut_canceled = false;
    int m_index = 0;
    int m_plan = 0;
    int m_limited_left = 0;
    int m_periods = 0;
    std::int64_t m_bill_anchor = 0;
    std::int64_t m_last = 0;
    SubStatus m_status = SubStatus::trialing;
};

// ---- agents and deployments ------------------------------------------------------------------

int choose_plan(Rng& r) {
    const double t = r.unit();
    const bool yearly = r.chance(0.22);
    if (t < 0.62) return yearly ? 1 : 0;
    if (t < 0.92) return yearly ? 3 : 2;
    return 4;
}

void simulate_agent(const World& w, UserSim& s, IdCounters& ids, Rng& r, std::int64_t created, bool subscribed) {
    const UserCore& u = s.u;
    const std::int64_t limit = u.horizon;
    Agent a;
    a.id = ++ids.agent;
    a.created = created;
    a.name = static_cast<int>(r.below(static_cast<std::uint64_t>(Lists::agent_name_count)));
    const double style = r.unit();
    a.name_style = style < 0.6 ? 0 : style < 0.8 ? 1 : (u.company >= 0 ? 2 : 0);
    const int plan = choose_plan(r);
    const std::int64_t checkout = created + r.range(60, 1200);
    if (checkout >= limit) subscribed = false;
    const bool free_pro = r.chance(0.15);
    a.tier = subscribed ? k_plans[plan].tier : (free_pro ? Tier::pro : Tier::matt);
    const int ai = static_cast<int>(s.agents.size());
    s.agents.push_back(a);

    // Deployment attempts (a Devin session each), up to three. Some free agents are abandoned
    // before the first one (no Telegram token given): they stay pending.
    a.dep_begin = static_cast<int>(s.deployments.size());
    std::int64_t next = (subscribed ? checkout : created) + r.range(20, 300);
    if (!subscribed && r.chance(0.03)) next = limit;
    std::int64_t last_time = created;
    bool in_flight = false, gave_up = false;
    for (int attempt = 1; attempt <= 3; ++attempt) {
        if (next >= limit) break;
        Deployment d;
        d.id = ++ids.deployment;
        d.agent = ai;
        d.attempt = attempt;
        d.created = next;
        last_time = next;
        d.session_a = r.next();
        d.session_b = r.next();
        const std::int64_t started = next + r.range(5, 180);
        const std::int64_t finished = started + r.range(2 * k_minute, 40 * k_minute);
        if (started >= limit || finished >= limit) {
            if (started < limit) {
                d.started = started;
                d.has_session = true;
                last_time = started;
            }
            if (limit < w.anchor) {
                // The account was suspended/banned/deleted while this ran.
                d.status = DeployStatus::cancelled;
                d.finished = limit;
                d.error = -2;
                last_time = limit;
            } else {
                d.status = d.started ? DeployStatus::running : DeployStatus::queued;
                in_flight = true;
            }
            s.deployments.push_back(d);
            break;
        }
        d.started = started;
        d.has_session = true;
        if (started >= w.anchor - 21 * k_day && r.chance(0.05)) {
            // A Devin session that never finished (blocked, waiting for input): still running.
            d.status = DeployStatus::running;
            last_time = started;
            in_flight = limit == w.anchor;
            if (!in_flight) {
                d.status = DeployStatus::cancelled;
                d.finished = limit;
                d.error = -2;
                last_time = limit;
            }
            s.deployments.push_back(d);
            break;
        }
        d.finished = finished;
        last_time = finished;
        const double o = r.unit();
        if (o < 0.8 || (subscribed && attempt == 3)) {
            d.status = DeployStatus::succeeded;
            d.auth_code = static_cast<std::uint32_t>(100000 + r.below(900000));
            d.acu_tenths = static_cast<int>(r.range(8, 120));
            s.deployments.push_back(d);
            a.live_at = finished;
            break;
        }
        if (o > 0.98) {
            d.status = DeployStatus::cancelled;
            d.error = -1;  // cancelled by the user
        } else {
            d.status = DeployStatus::failed;
            d.error = static_cast<int>(r.below(static_cast<std::uint64_t>(Lists::deploy_error_count)));
        }
        s.deployments.push_back(d);
        if (!(subscribed || r.chance(0.7))) {
            gave_up = true;
            break;
        }
        next = finished + (r.chance(0.7) ? r.range(5 * k_minute, 2 * k_hour) : r.range(2 * k_hour, 2 * k_day));
        if (attempt == 3) gave_up = true;
    }
    a.dep_count = static_cast<int>(s.deployments.size()) - a.dep_begin;
    if (a.live_at)
        a.status = AgentStatus::active;
    else if (in_flight)
        a.status = AgentStatus::deploying;
    else if (a.dep_count == 0)
        a.status = AgentStatus::pending;
    else if (s.deployments.back().status == DeployStatus::cancelled)
        a.status = gave_up ? AgentStatus::cancelled : AgentStatus::pending;
    else
        a.status = AgentStatus::failed;  // given up, or waiting for a retry not asked for yet

    bool sub_ended_by_user = false;
    std::int64_t end = 0;
    AgentStatus end_status = AgentStatus::cancelled;
    if (subscribed) {
        BillingSim billing(w, s, ids, r, ai, plan, checkout);
        billing.run();
        a.sub = static_cast<int>(s.subs.size()) - 1;
        const Subscription& sub = s.subs.back();
        a.tier = k_plans[sub.plan].tier;
        if (sub.status == SubStatus::canceled && !billing.canceled_by_status_change()) {
            sub_ended_by_user = true;
            end = sub.canceled_at;
            end_status = r.chance(0.3) ? AgentStatus::deleted : AgentStatus::cancelled;
        }
    } else if (a.live_at) {
        const double x = r.unit();
        if (x < 0.13) {
            const std::int64_t t = r.range(a.live_at + k_day, std::max(a.live_at + 2 * k_day, u.life_end + 30 * k_day));
            if (t < limit) {
                end = t;
                end_status = x < 0.08 ? AgentStatus::deleted : AgentStatus::cancelled;
            }
        }
    }
    if (!sub_ended_by_user && end == 0 && u.status != UserStatus::active) {
        if (u.status == UserStatus::deleted) {
            end = u.horizon;
            end_status = AgentStatus::deleted;
        } else if (u.status == UserStatus::banned && a.status != AgentStatus::failed) {
            end = u.horizon;
            end_status = AgentStatus::cancelled;
        } else if (u.status == UserStatus::suspended && (a.status == AgentStatus::pending || a.status == AgentStatus::deploying)) {
            end = u.horizon;
            end_status = AgentStatus::cancelled;
        }
    }
    if (end) {
        end = std::min(std::max(end, last_time + 1), w.anchor - 1);
        a.ended_at = end;
        a.status = end_status;
        // A deployment still queued or running when the agent ends is cancelled with it.
        if (a.dep_count > 0) {
            Deployment& last = s.deployments.back();
            if (last.status == DeployStatus::queued || last.status == DeployStatus::running) {
                last.status = DeployStatus::cancelled;
                last.finished = end;
                last.error = -1;
                last_time = end;
            }
        }
    }
    if (a.live_at && r.chance(0.88)) {
        const std::int64_t v = a.live_at + r.range(k_minute, 2 * k_hour);
        if (v < w.anchor && (end == 0 || v < end)) a.verified_at = v;
    }
    a.updated = std::max({a.created, last_time, a.verified_at, a.ended_at});
    s.agents[static_cast<std::size_t>(ai)] = a;
}

void simulate_business(const World& w, UserSim& s, IdCounters& ids) {
    const UserCore& u = s.u;
    Rng r(w.seed, static_cast<std::uint64_t>(u.id), s_business);
    static const double p_agents[] = {0.30, 0.72, 0.90};
    static const double p_payer[] = {0.10, 0.36, 0.56};
    const auto arch = static_cast<std::size_t>(u.archetype);
    if (!r.chance(p_agents[arch])) return;
    const int n = r.chance(0.3) ? (r.chance(0.27) ? 3 : 2) : 1;
    const bool payer = r.chance(p_payer[arch]);
    std::int64_t times[3] = {};
    const double m = r.unit();
    const std::int64_t delay = m < 0.65 ? exp_draw(r, 2.0 * k_hour)
                               : m < 0.9 ? exp_draw(r, 2.0 * k_day)
                                         : r.range(0, std::max<std::int64_t>(1, u.life_end - u.signup));
    times[0] = u.signup + 2 * k_minute + delay;
    for (int i = 1; i < n; ++i)
        times[i] = plausible_time(r, times[0] + 10 * k_minute, std::max(times[0] + k_hour, u.life_end));
    std::sort(times, times + n);
    for (int i = 0; i < n; ++i) {
        if (times[i] >= u.horizon) break;
        const bool subscribed = payer && (i == 0 || r.chance(0.6));
        simulate_agent(w, s, ids, r, times[i], subscribed);
    }
}

}  // namespace

void simulate_user(const World& w, std::int64_t uid, IdCounters& ids, UserSim& s, bool with_logins) {
    make_user_core(w, uid, s.u);
    s.logins.clear();
    s.last_login = 0;
    s.agents.clear();
    s.deployments.clear();
    s.subs.clear();
    s.events.clear();
    s.payments.clear();
    s.refunds.clear();
    if (with_logins) simulate_logins(w, s);
    simulate_business(w, s, ids);

    s.has_plan = false;
    s.plan_tier = Tier::matt;
    s.trial_ends_at = 0;
    s.updated = std::max(s.u.signup, s.u.status_at);
    for (const Subscription& sub : s.subs) {
        s.updated = std::max(s.updated, sub.updated);
        if (sub.status == SubStatus::canceled) continue;
        const Tier t = k_plans[sub.plan].tier;
        if (!s.has_plan || static_cast<int>(t) > static_cast<int>(s.plan_tier)) s.plan_tier = t;
        s.has_plan = true;
        if (sub.status == SubStatus::trialing) s.trial_ends_at = std::max(s.trial_ends_at, sub.trial_end);
    }
}

}  // namespace ctl::seed::model
