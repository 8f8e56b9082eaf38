/*
 * gen-uhri: writes a file of the UHRI full export's shape (one JSON array of
 * recommendation objects, see tests/data/uhri/) at full size, for the
 * importer's benchmarks. No real export can be downloaded here, so this
 * stands in for one: 250,000 records by default, about 400 MB, like the
 * ~267,000-record export.
 *
 *   gen-uhri [N [OUT.json [SEED]]]      defaults: 250000, uhri-bench.json, 1
 *
 * Texts are 300-3000 bytes (skewed towards the short end, as real ones are)
 * made of real recommendation sentences (UPR Paraguay 2011, Spain 2025 in
 * Spanish, a CRC concluding observation), with the HTML UHRI uses (<p>,
 * <br/>, &#39;, &amp;, &nbsp;) and the occasional escaped quote. About 60 %
 * of records are UPR, 30 % treaty bodies, 10 % special procedures; state
 * names are UN-style, now and then with UHRI's stray "*" or ISO-2 code; SDG
 * labels use the 169 real target codes. The same N and SEED always give the
 * same bytes. Standalone: stdio only, so it builds anywhere in a second.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_MIN 300
#define TEXT_MAX 3000

/* Real sentences: Paraguay's 2011 UPR recommendations (A/HRC/17/18), Spain's
 * 2025 ones in Spanish (A/HRC/60/8) and a CRC paragraph (CRC/C/PER/CO/6-7). */
static const char *const fragments_en[] = {
    "Implement all provisions in the Convention on the Rights of Persons with Disabilities, among "
    "others, the elimination of physical barriers to information, public transportation and "
    "buildings",
    "Continue to consolidate the Human Rights Network of the Executive branch",
    "Strengthen the national system of protection and promotion of childhood and adolescence",
    "Put into practice the plan to establish a system of human rights indicators",
    "Continue to pursue its national poverty reduction plans and promote gender equality and "
    "empowerment of women",
    "Continue implementing programmes and measures to improve the enjoyment of the right to "
    "education and the right to health, including for the indigenous peoples",
    "Continue efforts to ensure the submission of national reports to the treaty bodies",
    "Take additional measures to implement recommendations on various issues as put forward by the "
    "Committee for the Elimination of Discrimination against Women, in particular the low "
    "participation of women in decision-making bodies and in public life, and the high rates of "
    "illiteracy and school dropout among women",
    "Continue to make progress in measures to prevent discrimination against any person due to its "
    "sexual orientation or gender identity",
    "Continue its efforts to prevent and combat trafficking in persons, especially women and "
    "children, by entirely financing and implementing the National Plan for the Prevention and "
    "Eradication of the Sexual Exploitation of Girls, Boys and Adolescents. Amend the national "
    "legislation on the sexual exploitation and trafficking in children to bring it in line with "
    "the international instruments",
    "Strengthen the implementation of relevant policies, such as the Plan to Prevent and Eradicate "
    "Child Labour and the empowerment of its National Commission for the Elimination of Child "
    "Labour, in particular with regard to the ILO Convention No. 182 concerning the Prohibition "
    "and Immediate Action for the Elimination of the Worst Forms of Child Labour, to address the "
    "phenomenon of child labour",
    "Continue efforts to investigate human rights violations committed during the military "
    "dictatorship and provide victims and their families with the corresponding reparations",
    "Continue with its plans and policies to ensure that economic improvements benefit socially "
    "all the population",
    "Continue strengthening the decentralization of health-care services to increase coverage, "
    "particularly in rural areas",
    "Continue with its literacy efforts, access to bilingual education and the promotion and "
    "protection of the Guaraní language, in all its territory",
    "Take further measures to protect the collective property rights of all indigenous citizens",
    "Adopt, as soon as possible, a bill against all forms of discrimination",
    "Ensure the full incorporation of CRC into its domestic legislation",
    "Fully implement the National System for Comprehensive Protection and Advancement of Children "
    "and Adolescents to help protect vulnerable children and adolescents",
    "Develop and implement gender equality policies, particularly in the labour market, and "
    "policies to fight sexual and domestic violence",
    "Establish effective and speedy measures to guarantee gender equality at all levels of the "
    "civil society and State structure, bearing in mind that laws and current policies have not "
    "yet produced the desired results",
    "Address the problem of low participation of women in the political life and in the "
    "decision-making bodies, in particular through the consideration of affirmative measures",
    "Adopt new measures to ensure greater participation and representation of women in the Public "
    "Administration, as well as equal remuneration for men and women",
    "Pursue the necessary measures to promote the principle of equal remuneration between women "
    "and men",
    "Take the necessary measures to effectively combat discrimination based on sexual orientation "
    "in law as well as practice",
    "Fully investigate all allegations of torture or ill-treatment and, if appropriate, bring the "
    "perpetrators of such acts to justice, and consider bringing the Criminal Code into compliance "
    "with the Convention against Torture",
    "Adopt measures to fight impunity in cases of torture",
    "Implement effectively the legislation prohibiting the forced military recruitment of children "
    "under the age of 18",
    "That the country's judicial and prison systems work toward the improvement of prison "
    "conditions in line with international standards",
    "Adopt a new prison policy in order to improve prison conditions and, if possible, increase "
    "the salaries of prison guards and administrative staff",
    "Consider adopting legislation or other measures that enable investigation and prosecution for "
    "gender-based violence",
    "Ensure that children living or working in the street be provided with adequate protection, "
    "assistance, nutrition and shelter as well as with health care and educational opportunities",
    "Apply its anti-corruption legislation in a rigorous manner and ensure the effectiveness, "
    "independence and impartiality of the judicial system",
    "Pass legislation to ensure that unregistered children are not deprived of their rights, and "
    "that concrete steps be taken to decrease current obstacles to child registration",
    "Step up programmes against extreme poverty and improve the quality of life of the population",
    "Step up its efforts in providing equal opportunities to education and work to both vulnerable "
    "groups and minorities",
    "Strengthen its efforts for the protection of the rights of the indigenous population. Create "
    "a specific national mechanism to address any complaint by the indigenous population in "
    "relation to the use of its traditional land, and ensuring the participation of indigenous "
    "groups and their representatives",
    "Take measures in order to ensure the compliance with the ILO Convention No. 169 and the "
    "Declaration on the Rights of Indigenous Peoples, including the recognition of the right to "
    "land and natural resources of all indigenous peoples in Paraguay",
    "Take measures to implement rulings from the Inter-American Court of Human Rights on land "
    "rights of indigenous communities in Paraguay",
    "Pursue appropriate, efficient policies to address the access of its indigenous population to "
    "employment, medical services, education and housing",
    "The Committee reminds the State party of the indivisibility and interdependence of all the "
    "rights enshrined in the Convention and emphasizes the importance of all the recommendations "
    "contained in the present concluding observations",
    "The Committee would like to draw the State party's attention to the recommendations "
    "concerning the following areas, in respect of which urgent measures must be taken: birth "
    "registration and nationality (para. 18); abuse, neglect, sexual abuse and exploitation, and "
    "disappearances (paras. 23 and 27); gender-based violence (para. 25); adolescent health (para. "
    "35); and the administration of child justice (para. 45)",
};
static const char *const fragments_es[] = {
    "Ratificar la Convención Internacional sobre la Protección de los Derechos de Todos los "
    "Trabajadores Migratorios y de Sus Familiares",
    "Considerar la posibilidad de adoptar medidas eficaces para combatir la práctica del perfilado "
    "racial",
    "Considerar la posibilidad de revisar la definición de tortura del Código Penal para "
    "armonizarla con la Convención contra la Tortura y Otros Tratos o Penas Crueles, Inhumanos o "
    "Degradantes",
    "Seguir adoptando medidas para garantizar que los grupos minoritarios puedan ejercer "
    "plenamente sus derechos democráticos a la libertad de expresión y a la libertad de reunión "
    "pacífica",
    "Trabajar para combatir eficazmente el delito de trata de personas promulgando una ley "
    "especial y reforzando la capacidad de todas las partes interesadas",
    "Seguir apoyando la construcción de viviendas sociales para familias socialmente "
    "desfavorecidas",
    "Garantizar el derecho a la educación, eliminando los obstáculos a los que se enfrentan las "
    "personas con discapacidad, los inmigrantes y los solicitantes de asilo",
    "Proteger los derechos de las mujeres rurales y garantizar la aplicación efectiva de las "
    "medidas adoptadas en favor de las mujeres que trabajan en el sector agrícola",
    "Redoblar los esfuerzos para combatir la violencia de género, entre otras cosas garantizando "
    "medidas de protección rápidas y eficaces, mejorando la respuesta de la fiscalía y la "
    "judicatura mediante la formación y la especialización, asignando recursos adecuados y "
    "abordando las formas de abuso en línea y fuera de línea",
    "Considerar la implementación de nuevas acciones para reducir la tasa de abandono escolar "
    "temprano, prestando especial atención a los niños en riesgo de pobreza",
    "Mejorar los servicios y recursos existentes para la inclusión social y laboral de las "
    "personas con discapacidad",
    "Mejorar los servicios de apoyo a los niños inmigrantes integrando sus necesidades específicas "
    "en el marco nacional de protección y promoción de sus derechos",
};

typedef struct state {
    const char *name;   /* as UHRI writes it */
    const char *alpha2; /* for the stray-code variant */
    int region;         /* index into regions[] */
} state;

static const char *const regions[] = {"Africa", "Asia-Pacific", "Eastern Europe",
                                      "Latin America and the Caribbean",
                                      "Western European and other States"};

static const state states[] = {
    {"Algeria", "DZ", 0},
    {"Angola", "AO", 0},
    {"Argentina", "AR", 3},
    {"Australia", "AU", 4},
    {"Azerbaijan", "AZ", 2},
    {"Bangladesh", "BD", 1},
    {"Bolivia (Plurinational State of)", "BO", 3},
    {"Botswana", "BW", 0},
    {"Brazil", "BR", 3},
    {"Canada", "CA", 4},
    {"China", "CN", 1},
    {"Colombia", "CO", 3},
    {"Costa Rica", "CR", 3},
    {"Côte d'Ivoire", "CI", 0},
    {"Cuba", "CU", 3},
    {"Czechia", "CZ", 2},
    {"Democratic People's Republic of Korea", "KP", 1},
    {"Democratic Republic of the Congo", "CD", 0},
    {"Dominican Republic", "DO", 3},
    {"Egypt", "EG", 0},
    {"France", "FR", 4},
    {"Germany", "DE", 4},
    {"Ghana", "GH", 0},
    {"Holy See", "VA", 4},
    {"Honduras", "HN", 3},
    {"Hungary", "HU", 2},
    {"India", "IN", 1},
    {"Indonesia", "ID", 1},
    {"Iran (Islamic Republic of)", "IR", 1},
    {"Japan", "JP", 1},
    {"Kenya", "KE", 0},
    {"Lao People's Democratic Republic", "LA", 1},
    {"Libya", "LY", 0},
    {"Malaysia", "MY", 1},
    {"Mexico", "MX", 3},
    {"Micronesia (Federated States of)", "FM", 1},
    {"Morocco", "MA", 0},
    {"Netherlands (Kingdom of the)", "NL", 4},
    {"Nigeria", "NG", 0},
    {"Norway", "NO", 4},
    {"Panama", "PA", 3},
    {"Paraguay", "PY", 3},
    {"Peru", "PE", 3},
    {"Philippines", "PH", 1},
    {"Poland", "PL", 2},
    {"Republic of Korea", "KR", 1},
    {"Republic of Moldova", "MD", 2},
    {"Russian Federation", "RU", 2},
    {"Senegal", "SN", 0},
    {"Slovakia", "SK", 2},
    {"Slovenia", "SI", 2},
    {"South Africa", "ZA", 0},
    {"Spain", "ES", 4},
    {"State of Palestine", "PS", 1},
    {"Sweden", "SE", 4},
    {"Switzerland", "CH", 4},
    {"Syrian Arab Republic", "SY", 1},
    {"Thailand", "TH", 1},
    {"Türkiye", "TR", 4},
    {"Ukraine", "UA", 2},
    {"United Kingdom of Great Britain and Northern Ireland", "GB", 4},
    {"United Republic of Tanzania", "TZ", 0},
    {"United States of America", "US", 4},
    {"Uruguay", "UY", 3},
    {"Venezuela (Bolivarian Republic of)", "VE", 3},
    {"Viet Nam", "VN", 1},
};

static const char *const themes[] = {
    "Administration of justice & fair trial",
    "Children: protection against exploitation",
    "Civil society",
    "Death penalty",
    "Enforced disappearances",
    "Equality & non-discrimination",
    "Freedom of opinion and expression",
    "Human rights defenders",
    "Indigenous peoples",
    "Institutions & policies - General",
    "Land & property",
    "Migrants",
    "National Human Rights Institution (NHRI)",
    "Persons with disabilities: accessibility & mobility",
    "Racial discrimination",
    "Right to education",
    "Right to food",
    "Right to health",
    "Rights related to name, identity & nationality",
    "Scope of international obligations",
    "Sexual & gender-based violence",
    "Torture and other cruel, inhuman or degrading treatment",
    "Trafficking in persons",
    "Violence against women",
    "Women's rights",
};

static const char *const persons[] = {
    "Children",
    "Disappeared persons",
    "Human rights defenders",
    "Indigenous peoples",
    "Lesbian, gay, bisexual, transgender and intersex persons",
    "Migrants",
    "Persons deprived of their liberty",
    "Persons living in poverty",
    "Persons living in rural areas",
    "Persons with disabilities",
    "Refugees & asylum seekers",
    "Women & girls",
    "Youth & juveniles",
};

typedef struct body {
    const char *name;
    const char *before, *after; /* the symbol around the country code */
} body;

static const body treaty_bodies[] = {
    {"- CRC", "CRC/C/", "/CO/5-6"},
    {"Committee on the Rights of the Child", "CRC/C/", "/CO/4"},
    {"Human Rights Committee", "CCPR/C/", "/CO/4"},
    {"- CCPR", "CCPR/C/", "/CO/3"},
    {"- CEDAW", "CEDAW/C/", "/CO/8"},
    {"Committee against Torture", "CAT/C/", "/CO/7"},
    {"- CERD", "CERD/C/", "/CO/21-23"},
    {"- CESCR", "E/C.12/", "/CO/5"},
    {"Committee on the Rights of Persons with Disabilities", "CRPD/C/", "/CO/2-3"},
    {"- CED", "CED/C/", "/CO/1"},
    {"- CMW", "CMW/C/", "/CO/2"},
};

static const char *const mandates[] = {
    "Special Rapporteur on the rights of indigenous peoples",
    "Special Rapporteur on the right to food",
    "Special Rapporteur on the situation of human rights defenders",
    "Special Rapporteur on torture and other cruel, inhuman or degrading treatment or "
    "punishment",
    "Special Rapporteur on the human rights of migrants",
    "Working Group on Enforced or Involuntary Disappearances",
    "Independent Expert on protection against violence and discrimination based on sexual "
    "orientation and gender identity",
    "Special Rapporteur on extreme poverty and human rights",
};

static const char *const goal_short[18] = {
    "",
    "No poverty",
    "Zero hunger",
    "Good health and well-being",
    "Quality education",
    "Gender equality",
    "Clean water and sanitation",
    "Affordable and clean energy",
    "Decent work and economic growth",
    "Industry, innovation and infrastructure",
    "Reduced inequalities",
    "Sustainable cities and communities",
    "Responsible consumption and production",
    "Climate action",
    "Life below water",
    "Life on land",
    "Peace, justice and strong institutions",
    "Partnerships for the goals",
};

/* Targets per goal (global_targets_en.yml): numbered 1..n, then lettered a.. */
static const unsigned char numbered[18] = {0, 5, 5, 9, 7, 6, 6, 3, 10, 5, 7, 7, 8, 3, 7, 9, 10, 19};
static const unsigned char lettered[18] = {0, 2, 3, 4, 3, 3, 2, 2, 2, 3, 3, 3, 3, 2, 3, 3, 2, 0};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t rng;

/* splitmix64: small, fast, and the same on every platform. */
static uint64_t next(void)
{
    uint64_t z = (rng += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static unsigned pick(size_t n)
{
    return (unsigned)(next() % n);
}

/* True with probability percent / 100. */
static int chance(unsigned percent)
{
    return pick(100) < percent;
}

typedef struct text {
    char data[TEXT_MAX + 512];
    size_t len;
} text;

static void add(text *t, const char *s)
{
    size_t n = strlen(s);
    if (t->len + n >= sizeof t->data)
        n = sizeof t->data - 1 - t->len;
    memcpy(t->data + t->len, s, n);
    t->len += n;
    t->data[t->len] = '\0';
}

/* A fragment as HTML: apostrophes as &#39;, " and " now and then as &amp;. */
static void add_html(text *t, const char *s, int amp)
{
    char one[2] = {0, 0};
    for (const char *p = s; *p; p++) {
        if (*p == '\'') {
            add(t, "&#39;");
        } else if (amp && strncmp(p, " and ", 5) == 0) {
            add(t, " &amp; ");
            p += 4;
            amp = 0;
        } else {
            one[0] = *p;
            add(t, one);
        }
    }
}

/* Cuts at the last space before TEXT_MAX - 80 so the suffix and markup fit. */
static void clip(text *t)
{
    if (t->len <= TEXT_MAX - 80)
        return;
    size_t at = TEXT_MAX - 80;
    while (at > 0 && t->data[at] != ' ')
        at--;
    t->len = at;
    t->data[at] = '\0';
}

static void make_text(text *t, const char *paragraph, int spanish, const char *suffix)
{
    /* Uniform to the 4th power: mean ~900 bytes, a long tail up to TEXT_MAX. */
    double u = (double)(next() >> 11) / 9007199254740992.0;
    size_t want = TEXT_MIN + (size_t)((TEXT_MAX - TEXT_MIN) * u * u * u * u);
    t->len = 0;
    t->data[0] = '\0';
    add(t, "<p>");
    add(t, paragraph);
    add(t, chance(20) ? "&nbsp;" : " ");
    for (int first = 1; t->len < want; first = 0) {
        if (!first)
            add(t, chance(10) ? ".<br/>" : "; ");
        const char *s = spanish ? fragments_es[pick(COUNT(fragments_es))]
                                : fragments_en[pick(COUNT(fragments_en))];
        if (chance(1)) {
            add(t, "\"");
            add_html(t, s, 0);
            add(t, "\"");
        } else {
            add_html(t, s, chance(15));
        }
    }
    clip(t);
    add(t, suffix);
    add(t, "</p>");
}

static void put_string(FILE *out, const char *s)
{
    putc('"', out);
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '"' || c == '\\') {
            putc('\\', out);
            putc(c, out);
        } else if (c < 0x20) {
            fprintf(out, "\\u%04x", c);
        } else {
            putc(c, out);
        }
    }
    putc('"', out);
}

static void put_key(FILE *out, const char *key, int first)
{
    if (!first)
        putc(',', out);
    putc('"', out);
    fputs(key, out);
    fputs("\":", out);
}

static void put_array(FILE *out, const char *const *items, size_t n)
{
    putc('[', out);
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            putc(',', out);
        put_string(out, items[i]);
    }
    putc(']', out);
}

static void put_list(FILE *out, const char *key, const char *const *items, size_t n)
{
    put_key(out, key, 0);
    put_array(out, items, n);
}

static void uuid(char out[37])
{
    uint64_t a = next(), b = next();
    snprintf(out, 37, "%08x-%04x-4%03x-%04x-%012llx", (unsigned)(a >> 32),
             (unsigned)(a >> 16) & 0xffffu, (unsigned)a & 0xfffu,
             0x8000u | ((unsigned)(b >> 48) & 0x3fffu),
             (unsigned long long)(b & 0xffffffffffffULL));
}

/* Up to `max` distinct items of `from`, in random order. */
static size_t pick_some(const char **out, const char *const *from, size_t n, size_t max)
{
    size_t count = pick(max + 1);
    for (size_t i = 0; i < count; i++) {
        const char *s = from[pick(n)];
        int dup = 0;
        for (size_t j = 0; j < i; j++)
            dup |= out[j] == s;
        if (dup) {
            count--;
            i--;
            continue;
        }
        out[i] = s;
    }
    return count;
}

/* A state name as UHRI writes it, now and then with a stray "*" or ISO-2 code. */
static const char *state_name(char *buf, size_t size, const state *s)
{
    if (chance(1))
        snprintf(buf, size, "%s*", s->name);
    else if (chance(1))
        snprintf(buf, size, "%s %s", s->name, s->alpha2);
    else
        return s->name;
    return buf;
}

static void put_sdgs(FILE *out)
{
    char labels[5][96];
    const char *items[5];
    size_t n = pick(5);
    for (size_t i = 0; i < n; i++) {
        unsigned goal = 1 + pick(17);
        unsigned k = pick(numbered[goal] + lettered[goal] + 1u);
        if (k == 0)
            snprintf(labels[i], sizeof labels[i], "%u - %s", goal, goal_short[goal]);
        else if (k <= numbered[goal])
            snprintf(labels[i], sizeof labels[i], "%u.%u - %s", goal, k, goal_short[goal]);
        else
            snprintf(labels[i], sizeof labels[i], "%u.%c - %s", goal,
                     (char)('a' + (k - numbered[goal] - 1)), goal_short[goal]);
        items[i] = labels[i];
    }
    put_list(out, "Sdgs", items, n);
}

static void put_date(FILE *out, const char *key, unsigned year, int precise)
{
    put_key(out, key, 0);
    unsigned month = 1 + pick(12), day = 1 + pick(28);
    if (!precise)
        fprintf(out, "\"%u-%02u-%02uT00:00:00\"", year, month, day);
    else if (chance(50))
        fprintf(out, "\"%u-%02u-%02uT%02u:%02u:%02u.%03u\"", year, month, day, pick(24), pick(60),
                pick(60), pick(1000));
    else
        fprintf(out, "\"%u-%02u-%02uT%02u:%02u:%02u\"", year, month, day, pick(24), pick(60),
                pick(60));
}

/* Three letters for a symbol: the state's alpha-2 and an X, good enough for a benchmark. */
static void code3(char out[4], const state *s)
{
    snprintf(out, 4, "%sX", s->alpha2);
}

static void put_record(FILE *out)
{
    static text t;
    const state *country = &states[pick(COUNT(states))];
    unsigned kind = pick(10); /* 0-5 UPR, 6-8 treaty body, 9 special procedure */
    int upr = kind < 6, spanish = upr && chance(5);
    char id[37], doc[37], symbol[64], paragraph[32], code[4], suffix[128], country_buf[96];
    char rec_bufs[4][96];
    const char *rec[4], *rec_regions[4], *items[8];
    size_t nrec = 0, nregions = 0;
    const char *body_name;

    code3(code, country);
    if (upr) {
        body_name = "UPR";
        snprintf(symbol, sizeof symbol, "A/HRC/%u/%u", 7 + pick(54), 5 + pick(20));
        snprintf(paragraph, sizeof paragraph, spanish ? "%u.%u" : "%u.%u.", 80 + pick(80),
                 1 + pick(250));
        nrec = chance(80) ? 1 : 2 + pick(3);
        for (size_t i = 0; i < nrec; i++) {
            const state *s = &states[pick(COUNT(states))];
            rec[i] = state_name(rec_bufs[i], sizeof rec_bufs[i], s);
            int seen = 0;
            for (size_t j = 0; j < nregions; j++)
                seen |= rec_regions[j] == regions[s->region];
            if (!seen && strcmp(s->name, "Holy See") != 0)
                rec_regions[nregions++] = regions[s->region];
        }
        snprintf(suffix, sizeof suffix, " (%s);", rec[0]);
    } else if (kind < 9) {
        const body *b = &treaty_bodies[pick(COUNT(treaty_bodies))];
        body_name = b->name;
        snprintf(symbol, sizeof symbol, "%s%s%s", b->before, code, b->after);
        if (chance(70))
            snprintf(paragraph, sizeof paragraph, "%u.", 4 + pick(60));
        else
            snprintf(paragraph, sizeof paragraph, "%u (%c)", 4 + pick(60), 'a' + pick(8));
        snprintf(suffix, sizeof suffix, ".");
    } else {
        body_name = mandates[pick(COUNT(mandates))];
        snprintf(symbol, sizeof symbol, "A/HRC/%u/%u/Add.%u", 4 + pick(57), 20 + pick(50),
                 1 + pick(3));
        if (chance(80))
            snprintf(paragraph, sizeof paragraph, "%u.", 60 + pick(60));
        else
            snprintf(paragraph, sizeof paragraph, "(%c)", 'a' + pick(8));
        snprintf(suffix, sizeof suffix, ".");
    }
    make_text(&t, paragraph, spanish, suffix);
    uuid(id);
    uuid(doc);
    unsigned year = 2008 + pick(18);

    putc('{', out);
    put_key(out, "AffectedPersons", 1);
    put_array(out, items, pick_some(items, persons, COUNT(persons), 4));
    put_key(out, "AnnotationId", 0);
    put_string(out, id);
    put_key(out, "AnnotationType", 0);
    put_string(out, upr || chance(60) ? "- Recommendations" : "- Concerns/Observations");
    put_key(out, "Body", 0);
    put_string(out, body_name);
    items[0] = state_name(country_buf, sizeof country_buf, country);
    put_list(out, "Countries", items, 1);
    put_key(out, "DocumentId", 0);
    put_string(out, doc);
    put_date(out, "PublicationDate", year, 0);
    put_date(out, "PublicationDateOnUhri", year + 1 > 2025 ? 2025 : year + 1, 1);
    items[0] = regions[country->region];
    put_list(out, "Regions", items, 1);
    put_sdgs(out);
    put_key(out, "Symbol", 0);
    put_string(out, symbol);
    put_key(out, "Text", 0);
    put_string(out, t.data);
    put_list(out, "Themes", items, pick_some(items, themes, COUNT(themes), 5));
    put_key(out, "UprCycle", 0);
    unsigned cycle = 1 + pick(4);
    if (!upr)
        fputs("null", out);
    else if (chance(50))
        fprintf(out, "%u", cycle);
    else
        fprintf(out, "\"%u\"", cycle);
    char session[8];
    snprintf(session, sizeof session, "%u", 1 + (cycle - 1) * 12 + pick(12));
    items[0] = chance(92) ? "Supported" : "Noted";
    items[1] = session;
    put_list(out, "UprPositions", items, (size_t)(upr && chance(95)));
    put_list(out, "UprRecommendingCountry", rec, nrec);
    put_list(out, "UprRecommendingRegions", rec_regions, nregions);
    put_list(out, "UprSession", items + 1, (size_t)upr);
    putc('}', out);
}

/* Reads a whole decimal number; no atoi, which cannot report an error. */
static int parse_count(unsigned long long *out, const char *s)
{
    char *end = NULL;
    if (s[0] < '0' || s[0] > '9')
        return -1;
    *out = strtoull(s, &end, 10);
    return *end == '\0' ? 0 : -1;
}

int main(int argc, char **argv)
{
    unsigned long long n = 250000, seed = 1;
    const char *path = argc > 2 ? argv[2] : "uhri-bench.json";
    if (argc > 4 || (argc > 1 && parse_count(&n, argv[1]) != 0) ||
        (argc > 3 && parse_count(&seed, argv[3]) != 0)) {
        fputs("usage: gen-uhri [N [OUT.json [SEED]]]\n", stderr);
        return 2;
    }
    rng = seed;
    FILE *out = fopen(path, "wb");
    if (out == NULL) {
        perror(path);
        return 1;
    }
    static char buffer[1 << 20];
    setvbuf(out, buffer, _IOFBF, sizeof buffer);
    fputs("[", out);
    for (unsigned long long i = 0; i < n; i++) {
        fputs(i == 0 ? "\n" : ",\n", out);
        put_record(out);
    }
    fputs("\n]\n", out);
    long size = ftell(out);
    if (ferror(out) | fclose(out)) {
        perror(path);
        return 1;
    }
    fprintf(stderr, "%s: %llu records, %ld bytes\n", path, n, size);
    return 0;
}
