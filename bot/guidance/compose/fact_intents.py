"""Which kinds of question an English fact of the knowledge base answers ("Germany, NRW: you
get 5 days a year" answers "how many days?" and "am I entitled?"); the intents are those of
`intents`, whose docstring lists them, "ended" (the scheme has ended) only here.
"""

from __future__ import annotations

import re

from bot.guidance.compose.patterns import any_of

# English fact patterns: which kinds of question a fact of the knowledge base answers.
FACT_PATTERNS: dict[str, re.Pattern[str]] = {
    "days": any_of(
        # (not a condition: "for leave longer than 5 days, apply 45 days before")
        # (nor how hours are counted: "a 50-minute lesson counts as 1 hour")
        r"(?<!within )(?<!longer than )(?<!shorter than )(?<!leave of )(?<!counts as )"
        r"\b\d+(?:[–-]\d+)? (?:paid |working |teaching )?(?:days?|hours?|weeks?|h)\b"
        r"(?! (?:before|in advance|ahead|after|or (?:less|more)"
        r"|of (?:employment|service|seniority)))",
        r"\bup to \d+ (?:months|years)\b", r"\b\d+ ore\b", r"\b(?:zero|no) (?:\w+ )?days\b",
        r"\bzero\b",
        # "part-time employees get a pro-rata number of hours": how many, for a part-timer
        r"\b(?:pro-?rata|proportional) (?:number|share|amount) of (?:hours|days)\b",
        r"\b(?:hours|days) in proportion\b", r"\bnumber of days is adjusted\b",
    ),
    # (a sum of money: "counted in euros, not in hours" or "when your account reaches the
    # ceiling" says how it works, not how much)
    # (and a share of one's pay: "it pays 60% of net pay")
    "amount": any_of(
        r"€\s?\d", r"\d\s?€", r"\bs\$\s?\d", r"\d euros?\b", r"\bzero (?:euros?|€)",
        r"\d ?% of (?:(?:your|their|the|previous|net|gross) ){0,2}(?:pay|salary|wages?|income)\b",
    ),
    "number": any_of(r"\d", r"\bzero\b"),
    "pay": any_of(
        r"\b(?:un)?paid\b", r"\bsalary\b", r"\bwages?\b", r"\bpays?\b", r"\ballowance\b",
        r"\bcosts?\b", r"\bfees?\b", r"\bfree\b", r"\bfunds?\b", r"\bco-payment\b",
    ),
    "when": any_of(
        r"\b\d+ (?:weeks?|days?|months?) (?:before|in advance|ahead)\b", r"\bwithin \d",
        r"\bdeadline\b", r"\bnotice\b", r"\bby \d{1,2} \w+\b", r"\bfrom (?:\d{1,2} \w+ )?\d{4}\b",
        r"\bsince\b", r"\buntil\b", r"\bbefore\b",
    ),
    "notice": any_of(
        r"\b\d+(?:[–-]\d+)? (?:weeks?|days?|months?) (?:before|in advance|ahead)\b",
        r"\bnotice\b", r"\bin advance\b",
    ),
    "eligible": any_of(
        r"\byou need\b", r"\bat least \d+ (?:months?|years?)", r"\bmust have\b", r"\beligib",
        r"\bonly (?:for|if|when|in)\b", r"\bcondition", r"\bwho (?:has|have) worked\b",
        r"\bfirms? with\b", r"\b(?:employees?|workers?) (?:who|with|of|in|under|over|aged|on)\b",
        r"\b(?:fewer|less) than \d+ (?:employees|staff|workers)\b",
        r"\brequires? (?:only |at least )?\d+ (?:years?|months?)\b", r"\bof seniority\b",
        r"\b(?:not |only )(?:available|open) to\b", r"\bit is (?:also |only )?for\b",
        r"\b(?:are|is) (?:only |also )?for (?:[\w-]+ ){0,2}(?:employees|workers|staff|people)\b",
        r"\b(?:part-time|full-time|temporary|agency|public-sector|private-sector|self-employed) "
        r"(?:workers?|employees?|staff|people)",
        r"\bcan use (?:it|them|this)\b", r"\bunder \d+\b", r"\baged?\b", r"\bright to\b",
        # (not "if 10% of the total entitlement in the firm is used", "entitlements build up")
        r"\bentitled\b", r"\b(?:legal|no|not a|without a) entitlement\b", r"\bapplies to\b",
        r"\byou (?:get|have) (?:a|the) right\b",
        r"\bno (?:legal |individual |enforceable )?(?:claim|right)\b", r"\bwaiting period\b",
        r"\bno [^.;]{0,40}\bright to\b",  # ("we found no general legal right to study leave")
        # "can I claim it?": "it does not give you an individual right you can claim", "the
        # same initiative ..., not a separate personal guarantee"
        r"\b(?:does not|doesn't|do not|don't) give (?:you |people )?(?:an? |any )?(?:\w+ )?"
        r"right\b",
        r"\bnot a (?:separate )?(?:personal|individual) (?:guarantee|right|entitlement)\b",
        r"\bin the job\b", r"\bdoes not apply\b", r"\bqualif(?:y|ies)\b(?! (?:\w+ )?for\b)",
        r"\b(?:cannot|must not|may not) have (?:received|had|been|used)\b",
        # "you cannot get a new CPF-funded bilan if you had one publicly funded"
        r"\b(?:cannot|can't|can only) (?:get|have|use|claim) [^.;]{0,60}\bif you\b",
    ),
    # "Self-employed people get €500 a year": whether one qualifies, unless the question also
    # asks how much, which "vocational training gives up to 100 hours" answers instead.
    "gets": any_of(
        r"\b(?:get|gets|gives?|receives?) (?:\w+ ){0,2}(?:€|s\$|\$)?\d",
        r"\b(?:right|entitlement) is (?:\w+ ){0,2}\d",  # "the typical right is 5 working days"
    ),
    "ceiling": any_of(
        r"\bceiling\b", r"\bup to\b", r"\bmaximum\b", r"\bat most\b", r"\bcapped\b",
        r"\ba cap of\b", r"\bno more than\b", r"\blimit(?:ed|s)? (?:it )?to\b",
    ),
    "age": any_of(
        r"\baged? (?:\w+ )?\d", r"\b\d+ (?:and|or) (?:over|older|above|under)\b",
        r"\b(?:younger|older) than\b", r"\bage limit\b", r"\bunder (?:the age of )?\d+\b",
        r"\bover (?:the age of )?\d+\b(?! (?:days|hours|weeks|months|%))",
    ),
    "covers": any_of(
        # "the training must be officially recognised", "recognised training includes ..."
        r"\bmust be (?:\w+ )?(?:recognised|accredited|approved)\b",
        r"\b(?:recognised|eligible) training includes\b",
        r"\bexclud", r"\bnot (?:covered|eligible|funded)\b", r"\bcannot (?:be used|pay)\b",
        r"\bcan(?:not)? be used\b", r"\bcovers?\b",
        # (not "67% of net pay for employees with children")
        r"\bpays? (?:for|part of)\b(?! (?:employees|workers|people|staff|those)\b)",
        r"\brefunds?\b", r"\bonly (?:for )?(?:courses|training|programmes)\b",
        r"\b(?:hobby|leisure) courses\b", r"\bno longer (?:pays?|funds?|finances?)\b",
        r"\b(?:do|does) not count\b", r"\bonly (?:\w+ ){1,3}counts?\b",
        r"\bcounts? (?:as|towards?)\b", r"\brecognised (?:as|under|in|by)\b",
        r"\bcan count only\b",
        # what a course must meet: "the training must be at least 20 hours per week"
        r"\b(?:training|courses?|programmes?) (?:must|has to|have to|needs? to)\b",
        r"\b(?:do|does) not meet\b", r"\bmeets? (?:the|this|that) (?:rule|requirement|condition)",
    ),
    "validation": any_of(
        r"\bvalidation\b", r"\brecognition of prior learning\b",
        r"\b(?:skills|experience) (?:\w+ )?recognised\b", r"\brecognised (?:skills|experience)\b",
    ),
    "refuse": any_of(
        r"\brefus", r"\bpostpone", r"\bcannot say no\b", r"\bmust (?:decide|answer|grant)",
        r"\b(?:cannot|can't|may not) (?:force|oblige|make) you\b", r"\bnot obliged\b",
        r"\b(?:do not|don't) have to\b",
        r"\bno answer means\b", r"\bdeemed\b", r"\bcompelling\b", r"\boperational reasons\b",
        # how many may be away at once: the ground most laws give for saying "not now"
        r"\b(?:limit|cap|restrict)\w*\b.{0,50}\b(?:absent|away|staff|employees|personnel)\b",
    ),
    # "if someone calls you to sell a CPF course, this is not allowed; do not give your codes"
    "scam": any_of(
        r"\bscam", r"\bfraud", r"\bcold-calling\b", r"\bdemarchage\b",
        r"\bdo not give (?:\w+ ){0,3}(?:login|logins|codes?|password)", r"\bwithout being asked\b",
    ),
    "apply": any_of(
        # "the employer applies", "apply to Transitions Pro"; not "it does not apply to you",
        # nor "the guideline applies from 1 May" (comes into force)
        r"(?<!not )(?<!also )\bappl(?:y|ies)\b"
        r"(?! to (?:you|all|every|people|workers|employees|staff|public|private)\b)"
        r"(?! (?:from|since|until|as of)\b)",
        r"\bapplication\b", r"\brequest\b",
        r"\btell your employer\b", r"\bfile\b",
        r"\bsubmit\b", r"\bregister\b", r"\blog ?in\b", r"\bask (?:your|the)\b", r"\bhand\b",
        r"\bthrough (?:the )?(?:website|app|portal)\b", r"\bwithout an account\b",
        r"\bon [\w.-]+\.(?:gouv\.fr|de|at|be|nl)\b",
        # who a provider asks: "recognition is given by the Bezirksregierung"
        r"\bproviders? (?:\w+ ){0,4}(?:is|are) (?:recognised|approved|accredited) by\b",
        r"\b(?:recognition|approval|accreditation) is (?:given|granted) by\b",
    ),
    "exists": any_of(
        r"\bended\b", r"\babolish", r"\breplaced\b", r"\bno longer\b", r"\bfrom \d{4}\b",
        r"\bsince \d", r"\bnew\b", r"\buntil \d", r"\bclosed\b", r"\bstopped\b", r"\breform",
        r"\bfrom (?:\d{1,2} \w+ )\d{4}\b", r"\bstill\b", r"\bpassed a law\b", r"\bexpir",
    ),
    "ended": any_of(
        r"\b(?:has|have|was|were) (?:been )?(?:ended|abolished|closed|stopped|scrapped)\b",
        r"\bno longer (?:exists?|available|possible|open|paid)\b", r"\bended (?:on|in)\b",
        r"\blast (?:application )?round\b", r"\bcan no longer apply\b", r"\bwas abolished\b",
    ),
    # "the successor scheme is ...", "a new, smaller scheme ...", "... replace the old ..."
    "successor": any_of(
        r"\bsuccessor\b", r"\breplac(?:e|es|ed|ing)\b", r"\binstead\b", r"\balternative",
        r"\bnew,? (?:\w+ ){0,2}scheme\b",
    ),
    "binding": any_of(
        r"\bbinding\b", r"\bnot obliged\b", r"\bno obligation\b", r"\bnot an obligation\b",
        # (not "to finish compulsory schooling")
        r"\bmandatory\b", r"\bcompulsory\b(?! (?:school|education))", r"\bvoluntary\b",
        r"\bonly asks\b",
        r"\brecommend(?:s|ed)? that (?:countries|member states) consider\b",
    ),
    "ratified": any_of(r"\bratif"),
    "countries": any_of(r"\b\d+ (?:of (?:the )?27 )?(?:eu )?(?:member states|countries)\b"),
    "findings": any_of(r"\bevaluation\b", r"\bimpact\b", r"\bfound that\b", r"\bfindings?\b"),
    "help": any_of(
        r"\bcounsell", r"\badvice\b", r"\badvis[eo]r", r"\bguidance\b", r"(?<!european )\bunion\b",
        r"\bworks council\b", r"\bhelp", r"\blabour inspectorate\b", r"\blawyer\b",
    ),
}


# "the notice period is typically 4 to 9 weeks": how early to ask, not how long the leave is.
_NOTICE_PERIOD = re.compile(
    r"\bnotice(?: period)?(?: is| of)? (?:\w+ ){0,2}\d+(?:[–-]\d+| to \d+)? "
    r"(?:weeks?|days?|months?)"
)


# "Finland ratified the ILO Convention on paid educational leave": its name says nothing of
# whether the learner is paid.
_CONVENTION = re.compile(r"\bconvention (?:no\. )?(?:140 )?on paid educational leave\b")


def fact_intents(text: str) -> frozenset[str]:
    """The kinds of question an English fact answers."""
    lowered = text.lower()
    found = {name for name, pattern in FACT_PATTERNS.items() if pattern.search(lowered)}
    if "days" in found and not FACT_PATTERNS["days"].search(_NOTICE_PERIOD.sub("", lowered)):
        found.discard("days")
    # "ask at least 9 weeks before (the 2015 law says 8 weeks)": how early, not how long; a
    # notice fact whose only lengths are in weeks says nothing of the leave's days.
    if {"days", "notice"} <= found and not any(
        not m.group(0).endswith(("week", "weeks")) for m in FACT_PATTERNS["days"].finditer(lowered)
    ):
        found.discard("days")
    if "pay" in found and not FACT_PATTERNS["pay"].search(_CONVENTION.sub("", lowered)):
        found.discard("pay")
    return frozenset(found)
