"""A made-up schema 2 figures file for the publishing tests (export, ClaimReview, Vega-Lite).

Two sources, one with every detail (publisher, date, address) and one with some;
a percent-change that holds through an approximate baseline, a change that does
not, an approximation and a cross-source agreement that hold, an average that
fails against its total, and a period inside another (so a derived remainder).
"""

from __future__ import annotations

TWO_SOURCES_TOML = """\
schema_version = 2

[[sources]]
id = "bulletin"
title = "Crime in Testshire: year ending March 2023"
publisher = "Testshire Statistics Office"
published = 2023-07-20
url = "https://stats.example.org/bulletin-2023"
kind = "statistics"

[[sources.attributions]]
name = "Testshire Statistics Office"

[[sources]]
id = "news"
title = "Fraud falls by almost two-thirds in Testshire"
publisher = "Example News"
published = 2023-07-21
url = "https://news.example.org/fraud-falls"

[[sources.attributions]]
name = "Testshire Police"
metrics = ["calls"]

[[periods]]
id = "yr-2022"
label = "Year ending March 2022"
start = 2021-04-01
end = 2022-03-31
stated_length = { value = 1, unit = "years" }

[[periods]]
id = "yr-2023"
label = "Year ending March 2023"
start = 2022-04-01
end = 2023-03-31
stated_length = { value = 1, unit = "years" }

[[periods]]
id = "q4-2023"
label = "January to March 2023"
start = 2023-01-01
end = 2023-03-31
stated_length = { value = 3, unit = "months" }

[[metrics]]
id = "fraud"
label = "Fraud offences"
unit = "offences"
description = "Fraud offences recorded in Testshire."

[[metrics]]
id = "calls"
label = "Calls"
unit = "calls"
description = "Calls to the fraud line."

[[figures]]
source = "bulletin"
metric = "fraud"
period = "yr-2022"
value = 250000
statistic = "total"
approximate = true
qualifier = "almost"
quote = "almost 250,000 offences the year before"

[[figures]]
source = "bulletin"
metric = "fraud"
period = "yr-2023"
value = 87525
statistic = "total"
quote = "87,525 fraud offences were recorded"

[[figures]]
source = "news"
metric = "fraud"
period = "yr-2023"
baseline = "yr-2022"
value = -64
statistic = "percent-change"
quote = "Fraud fell by 64% on the year before"

[[figures]]
source = "news"
metric = "fraud"
period = "yr-2023"
baseline = "yr-2022"
value = -170000
statistic = "change"
quote = "170,000 fewer offences than the year before"

[[figures]]
source = "news"
metric = "fraud"
period = "yr-2023"
value = 87000
statistic = "total"
approximate = true
qualifier = "around"
quote = "around 87,000 offences"

[[figures]]
source = "bulletin"
metric = "calls"
period = "yr-2023"
value = 5200
statistic = "total"
quote = "5,200 calls in the year"

[[figures]]
source = "bulletin"
metric = "calls"
period = "q4-2023"
value = 1300
statistic = "total"
quote = "1,300 calls from January to March"

[[figures]]
source = "news"
metric = "calls"
period = "q4-2023"
value = 150
statistic = "weekly-average"
quote = "150 calls a week"
"""
