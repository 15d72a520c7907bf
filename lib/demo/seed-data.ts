/**
 * Demo material for a new desk: five articles about the 2018 Alice Marie Johnson clemency story,
 * retold in our own words from the facts the original reports carry, including the small facts on
 * which those reports disagree (her age, 62 or 63; sentenced in 1996 or convicted in 1997;
 * "pardon" where the act was a commutation). Catching that is what the desk is for.
 */
export const DEMO_PASSWORD = "factdesk-demo";

export const DEMO_USERS = [
  { email: "reporter@factdesk.test", name: "Rita Reyes", role: "reporter" },
  { email: "editor@factdesk.test", name: "Eddie Okafor", role: "editor" },
  { email: "editor2@factdesk.test", name: "Elena Marsh", role: "editor" },
  { email: "admin@factdesk.test", name: "Aditi Rao", role: "admin" },
] as const;

export interface DemoArticle {
  key: string;
  title: string;
  publisher: string;
  sourceUrl: string;
  publishedAt: string;
  body: string;
}

export const DEMO_ARTICLES: DemoArticle[] = [
  {
    key: "kushner-clemency",
    title: "Kushner presses for more clemency grants, to the Attorney General's displeasure",
    publisher: "Demo Politics Wire",
    sourceUrl: "https://demo.factdesk.test/articles/kushner-clemency",
    publishedAt: "2018-06-12",
    body: [
      "Jared Kushner is urging President Donald Trump to grant clemency more widely, according to a report in Vanity Fair that quotes a source close to the senior adviser.",
      "The push follows the president's clemency for Alice Marie Johnson, a great-grandmother jailed for life over a first-time drug crime in which nobody was hurt.",
      "Trump acted after Kim Kardashian met him at the White House to argue Johnson's case and to discuss the criminal justice system.",
      "Kardashian had worked with Ivanka Trump and Jared Kushner for months to have Johnson's sentence commuted.",
      "Vanity Fair reported that the president was surprised by the positive coverage of Johnson's release and might consider clemency for other prisoners.",
      "Kardashian is said to have handed Kushner a list of names of people she considers to be serving unjust sentences.",
      "Kushner now works with CNN commentator Van Jones on prison reform.",
      "Attorney General Jeff Sessions is said to resent Kushner's campaign for wider use of the president's power to grant clemency.",
      "Kushner's security clearance was restored earlier this year, and he is reported to be seeking a larger role in the White House.",
    ].join("\n\n"),
  },
  {
    key: "metro-explainer",
    title: "Why Kim Kardashian has been phoning Jared Kushner",
    publisher: "Metro US",
    sourceUrl: "https://demo.factdesk.test/articles/metro-explainer",
    publishedAt: "2018-05-30",
    body: [
      "Kim Kardashian has been phoning Jared Kushner, who is married to the president's daughter and advises him, to press for clemency for Alice Marie Johnson, Mic reports.",
      "Johnson, 62 years old, has now spent 21 years of a life term in federal prison for a drug conviction.",
      "Johnson was convicted in 1997 over her role in a cocaine ring that moved millions of dollars of drugs.",
      "She had no prior record and used no violence; she has said that a divorce, losing her job and the death of a child drove her into the drug trade.",
      "In a 2016 opinion piece for CNN, Johnson acknowledged her wrongdoing and described her role as passing messages between distributors and sellers.",
      "With a life term and no parole, her only way out was presidential clemency: a pardon or a commutation.",
      "President Barack Obama passed over Johnson's clemency request in 2016.",
      "According to Axios, Kardashian and Kushner have been talking by phone for months.",
      "A representative for Kardashian confirmed the conversations, and Mic reported that White House lawyers had reviewed the case.",
    ].join("\n\n"),
  },
  {
    key: "memoir-kardashian",
    title: "Kushner's memoir recounts how Kim Kardashian argued Alice Johnson's case",
    publisher: "Demo Entertainment Desk",
    sourceUrl: "https://demo.factdesk.test/articles/memoir-kardashian",
    publishedAt: "2022-08-02",
    body: [
      "Jared Kushner's memoir, Breaking History: A White House Memoir, recounts how Kim Kardashian talked the administration into a pardon for Alice Johnson.",
      "According to an excerpt published by People, Kardashian first contacted Ivanka Trump about the case in late 2017.",
      "Kushner writes that Johnson had become an ordained minister, earned vocational certificates and kept a clean disciplinary record during 21 years in prison.",
      "He says he took Johnson's case to the president in the Oval Office in May 2018.",
      "White House counsel Don McGahn opposed clemency and described Johnson as the leader of the drug ring, Kushner writes.",
      "Kushner says Trump called him two days after meeting Kardashian and told him to go ahead with the pardon.",
    ].join("\n\n"),
  },
  {
    key: "memoir-meeting",
    title: "Inside the meeting that won Alice Johnson her freedom",
    publisher: "Demo Celebrity Weekly",
    sourceUrl: "https://demo.factdesk.test/articles/memoir-meeting",
    publishedAt: "2022-08-02",
    body: [
      "Kim Kardashian met President Donald Trump at the White House in 2018 to argue for the release of Alice Johnson.",
      "Johnson, then 63 years old, had been locked up for life over a drug offense in which nobody was hurt.",
      "Trump granted the request, and Johnson left prison later that year.",
      "Jared Kushner's memoir is due out later this month and describes how the meeting came about.",
      "Kushner writes that White House counsel Don McGahn resisted releasing Johnson and argued that her sentence was deserved.",
      "According to Kushner, Trump approved the clemency 48 hours after the meeting.",
      "Kushner also accuses McGahn of leaking false stories to the press about the meeting.",
    ].join("\n\n"),
  },
  {
    key: "forward-prison-reform",
    title: "Kim Kardashian West takes prison reform to the White House",
    publisher: "The Forward",
    sourceUrl: "https://demo.factdesk.test/articles/forward-prison-reform",
    publishedAt: "2018-05-31",
    body: [
      "On Wednesday Kim Kardashian West was at the White House for talks on prison reform with President Trump and Jared Kushner, according to Vanity Fair.",
      "The Oval Office meeting focused on her request that the president pardon Alice Marie Johnson, a woman from Mississippi.",
      "Johnson was sentenced in 1996, and the term was life behind bars with no parole, for a first drug offense.",
      "Johnson turned 63 on the day of the meeting.",
      "Kushner has pushed Congress to pass the First Step Act, a bipartisan bill that would offer inmates job training and drug treatment to ready them for life after prison.",
      "Kushner's father, Charles Kushner, spent 14 months in prison in 2005 and 2006.",
      "Trump has granted presidential pardons in only a few cases so far, including Sholom Rubashkin and Scooter Libby.",
      "Support our nonprofit journalism: become a member today.",
      "Republish this story",
    ].join("\n\n"),
  },
];
