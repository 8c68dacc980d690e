// The attacker's wordlist: the secrets people choose, in the order a cracker tries them.
// Read-only. Built in this file from patterns, not copied from any leak: digit runs,
// keyboard walks, the secrets that documentation and tutorials use, common passwords,
// first names, everyday words and years, then "mangled" by the rules crackers apply
// (capitals, a digit or a year on the end, "!", letters swapped for look-alike digits).

const words = (text: string): string[] => text.trim().split(/\s+/)

/** Secrets copied from docs, tutorials, debuggers and config templates. */
const DEVELOPER = words(`
  secret changeme changeit default password admin root toor test test123 demo example
  secretkey secret-key secret_key mysecret my-secret mysecretkey supersecret topsecret
  jwtsecret jwt-secret jwt_secret jwtkey jwt-key tokensecret token-secret signingkey
  your-256-bit-secret your-secret-key my-secret-key my-secret-key-123 secret123
  dev-key-change-in-production change-me change-this please-change-me replace-me
  keyboard-cat shhhhh shhhhhhared-secret s3cr3t hmac-secret api-secret app-secret
  development production staging localhost qwerty123 letmein123 notasecret nosecret
`)

/** The passwords that top every published list, most common first. */
const COMMON = words(`
  123456 password 12345678 qwerty 123456789 12345 1234 111111 1234567 dragon 123123
  baseball abc123 football monkey letmein 696969 shadow master 666666 qwertyuiop
  123321 mustang 1234567890 michael 654321 superman 1qaz2wsx 7777777 121212 000000
  qazwsx 123qwe killer trustno1 jordan jennifer zxcvbnm asdfgh hunter buster soccer
  harley batman andrew tigger sunshine iloveyou 2000 charlie robert thomas hockey
  ranger daniel starwars klaster 112233 george computer michelle jessica pepper 1111
  zxcvbn 555555 11111111 131313 freedom 777777 pass maggie 159753 aaaaaa ginger
  princess joshua cheese amanda summer love ashley nicole chelsea biteme matthew
  access yankees 987654321 dallas austin thunder taylor matrix minecraft william
  corvette hello martin heather secret merlin diamond 1234qwer gfhjkm hammer silver
  222222 88888888 anthony justin test bailey q1w2e3r4t5 patrick internet scooter
  orange 11111 golfer cookie richard samantha bigdog guitar jackson whatever mickey
  chicken sparky snoopy maverick phoenix camaro peanut morgan welcome falcon cowboy
  ferrari samsung andrea smokey steelers joseph mercedes dakota arsenal eagles melissa
  boomer booboo spider nascar monster tigers yellow xxxxxx 123123123 gateway marina
  diablo bulldog qwer1234 compaq purple hardcore banana junior hannah 123654 porsche
  lakers iceman money cowboys 987654 london tennis 999999 ncc1701 coffee scooby 0000
  miller boston q1w2e3r4 brandon yamaha chester mother forever johnny edward 333333
  oliver redsox player nikita knight fender barney midnight please brandy chicago
  badboy slayer rangers charles angel flower bigdaddy rabbit wizard jasper enter
  rachel chris zxcvbnm123 fuckyou asshole qwe123 1q2w3e4r 1q2w3e 1qazxsw2 passw0rd
  password1 password123 admin123 welcome1 abcd1234 aa123456 iloveyou1 princess1
  sunshine1 football1 monkey1 charlie1 qwerty1 000000 loveme pokemon naruto azerty
`)

/** Common first names. */
const NAMES = words(`
  james john robert michael william david richard joseph thomas charles christopher
  daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian
  george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan
  stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick
  raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter
  kyle ethan walter noah jeremy christian keith roger terry gerald harold sean austin
  carl arthur lawrence dylan jesse jordan bryan billy joe bruce gabriel logan albert
  willie alan juan wayne elijah randy roy vincent ralph eugene russell bobby mason
  philip louis mary patricia jennifer linda elizabeth barbara susan jessica sarah
  karen lisa nancy betty margaret sandra ashley kimberly emily donna michelle carol
  amanda dorothy melissa deborah stephanie rebecca sharon laura cynthia kathleen amy
  angela shirley anna brenda pamela emma nicole helen samantha katherine christine
  debra rachel carolyn janet catherine maria heather diane ruth julie olivia joyce
  virginia victoria kelly lauren christina joan evelyn judith megan andrea cheryl
  hannah jacqueline martha gloria teresa ann sara madison frances kathryn janice jean
  abigail alice judy sophia grace denise amber doris marilyn danielle beverly isabella
  theresa diana natalie brittany charlotte marie kayla alexis lori alex max sam leo
  lucy lily chloe zoe mia ella ava luna bella daisy rosie ruby molly sophie jake
  toby oscar harry charlie freddie archie alfie finn liam lucas mateo sebastian
`)

/** Everyday words: pets, sports, colours, food, places, seasons, months, days. */
const EVERYDAY = words(`
  dog cat puppy kitty kitten bear tiger lion wolf eagle shark horse pony bunny panda
  dolphin turtle snake dragonfly butterfly monkey donkey zebra giraffe elephant fox
  red blue green yellow black white orange purple pink silver golden brown grey
  soccer hockey tennis golf basketball baseball football rugby cricket boxing skate
  surf snowboard racing runner swimmer fishing hunting camping hiking biking
  pizza pasta burger cookie cookies candy chocolate banana apple cherry lemon mango
  peach strawberry sugar honey coffee tea beer whisky vodka wine pepper cheese bacon
  london paris berlin madrid rome tokyo sydney toronto chicago boston dallas denver
  texas florida california newyork vegas miami seattle canada mexico brazil france
  spring summer autumn winter january february march april may june july august
  september october november december monday tuesday wednesday thursday friday
  saturday sunday morning evening night sunrise sunset rainbow thunder lightning
  storm ocean river mountain forest island beach desert planet galaxy universe
  star moon sun earth fire water ice snow rain cloud wind stone rock metal steel
  love lover loving hello hi welcome friend friends family happy lucky smile sweet
  angel devil heaven hell ghost magic wizard witch ninja pirate zombie vampire robot
  music guitar piano drums rock metal jazz blues dance party disco gamer games gaming
  matrix hacker cyber code coder coding linux ubuntu windows apple android google
  master admin super power energy freedom liberty justice peace truth faith hope
  king queen prince princess knight castle kingdom empire legend hero batman joker
  money cash gold diamond silver platinum rich dollar euro bitcoin crypto wallet
  school college student teacher doctor nurse police soldier pilot captain sailor
  monster beast killer hunter sniper shooter warrior fighter soldier spartan viking
  flower rose lily tulip daisy garden tree leaf grass nature green earth natural
  baby babygirl babyboy mommy daddy sister brother family home house homer simpson
  mickey minnie donald goofy pluto snoopy garfield scooby shrek nemo elmo barbie
  pokemon pikachu mario luigi zelda sonic tetris minecraft fortnite roblox halo
  chelsea arsenal liverpool barcelona juventus yankees lakers cowboys steelers
  mustang ferrari porsche corvette camaro honda toyota yamaha harley ducati bmw audi
  marvel spiderman superman ironman hulk thor loki avengers starwars jedi yoda vader
  trouble crazy funny silly cool awesome perfect special secret private personal
  internet computer laptop phone mobile online network server system database
  qwerty login letmein welcome access enter open sesame opensesame password passcode
`)

/** More names: surnames that double as first names, nicknames, pets' names. */
const MORE_NAMES = words(`
  smith johnson williams brown jones garcia davis rodriguez martinez hernandez lopez
  gonzalez wilson anderson taylor moore jackson white harris clark lewis robinson
  walker young allen king wright hill green adams baker nelson carter mitchell roberts
  turner phillips campbell parker evans edwards collins stewart morris murphy cook
  rogers cooper reed bailey bell kelly howard ward cox richardson wood watson brooks
  bennett gray james hughes price sanders myers long ross foster powell jenkins perry
  russell sullivan butler barnes fisher henderson coleman simmons patterson jordan
  mike mikey danny dave davey tom tommy tim timmy jim jimmy bob bobby rob robby bill
  will willy steve stevie nick nicky matt matty chris kris tony jon johnny jen jenny
  kate katie liz lizzy beth becky becca meg maggie jess jessie sue suzy pat patty
  buddy rocky lucky duke bear bella coco lola milo oreo pepper ginger shadow smokey
  sasha misty princess sparky tucker bentley zeus apollo rex spike fluffy muffin
  peanut biscuit snickers whiskers tigger simba nala marley bruno rusty dexter
  gizmo bandit boots chico chloe cooper diesel felix gracie harley hunter jasper
  kobe leo louie max murphy otis penny riley roxy sadie sammy teddy winston ziggy
`)

/** More everyday words. */
const MORE_WORDS = words(`
  account action active address advice agent alarm album alpha anchor animal answer
  arrow artist autumn avenue award badge ballet balloon bamboo banana bandit banker
  barrel basket battle beacon beauty berry bishop blade blanket blaze blossom bonus
  border bottle bounce brain branch brave bread breeze bridge bright bronze bubble
  bucket buffalo bullet bunny butter button cabin cactus camera candle canyon carbon
  carpet carrot castle cattle celtic center chain chalk champion channel charm
  chaos chapter cherry chess chief circle circus citizen civic classic clever client
  clock clover coach cobra cocoa comet comfort copper coral corner cosmos cotton
  country cousin coyote cradle crash crayon cream credit cricket crown crystal cupcake
  dancer danger dawn delta denim desert design detroit digital dinner disney doctor
  dollar domino double dragon dream driver dublin dynamo echo eclipse elegant ember
  empire engine escape eternal everest evil exotic falcon fantasy farmer feather
  fiction flame flash fluffy flyer focus forest fortune fossil fresh frost fruit
  future gadget galaxy garage garlic gemini genius giant ginger glacier glory goblin
  gospel gravity guardian guitar gypsy hammer harbor harmony harvest hawk helmet
  hermit hidden hobbit holiday horizon hornet hotel hunter hurricane icon igloo
  impact indigo infinity insane iron island ivory jaguar jasmine jelly jewel jungle
  jupiter karate kernel kiwi koala ladder lagoon laser lava lemon library lighthouse
  lizard lobster lotus magnet mango maple marble marine market marshal meadow
  medusa melody memory mercury meteor midnight miracle mirror mission monkey mosaic
  motor mystery napkin nebula needle neptune nickel noodle north nova nugget oasis
  olive omega onion oracle orbit orchid origin otter oxygen paddle palace panther
  paper parrot pearl pebble pelican penguin pepper phantom pickle pillow pilot pirate
  pixel planet plasma pocket poet polar potato prairie prism puzzle pyramid python
  quartz quest rabbit radar radio raven rebel record reef remote rhythm ribbon rider
  ripple river rocket rodeo rooster royal ruby saddle safari salmon saturn scarlet
  scorpion season shadow shelter sherlock shield signal silent sketch skipper sky
  slate smoke snake solar spark sphinx spirit sponge spring squirrel stallion
  station stealth sticker storm stream sugar summit sunny sunflower swallow sword
  symbol talent tango target temple tequila thunder ticket timber titan tomato
  topaz tornado torch tower tractor treasure trophy tropical trumpet tulip tunnel
  turbo twilight unicorn valley vanilla velvet venus victory viking village violet
  violin vision volcano voyager walnut walrus warrior wave whale whisper wildcat
  willow window winner wisdom wolf wonder wonderland yankee yellow yoga zephyr zero
`)

const KEYBOARD_ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm']

/** Keyboard walks: the start of each row, and the columns read downwards. */
function keyboardWalks(): string[] {
  const walks: string[] = []
  for (const row of KEYBOARD_ROWS) {
    for (let length = 4; length <= row.length; length++) walks.push(row.slice(0, length))
  }
  const columns = ['1qaz', '2wsx', '3edc', '4rfv', '5tgb', '6yhn', '7ujm']
  for (let count = 2; count <= columns.length; count++) {
    walks.push(columns.slice(0, count).join(''))
  }
  return walks
}

/** Years someone was born or married in, or the year they set the secret. */
const YEARS = Array.from({ length: 2030 - 1950 + 1 }, (_, index) => String(1950 + index))

/** The same digit repeated, 4 to 10 times. */
function digitRuns(): string[] {
  const runs: string[] = []
  for (let length = 4; length <= 10; length++) {
    for (let digit = 0; digit <= 9; digit++) runs.push(String(digit).repeat(length))
  }
  return runs
}

const LEET: Record<string, string> = { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7' }
const leet = (word: string) => word.replace(/[aeiost]/g, (char) => LEET[char] ?? char)
const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1)

/** Dates as people type them: month and day (MMDD), then day and month (DDMM). */
function dates(): string[] {
  const lengths = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
  const pad = (number: number) => String(number).padStart(2, '0')
  const days = lengths.flatMap((count, month) =>
    Array.from({ length: count }, (_, day) => [pad(month + 1), pad(day + 1)]),
  )
  const mmdd = days.map(([mm, dd]) => `${mm}${dd}`)
  const ddmm = days.map(([mm, dd]) => `${dd}${mm}`)
  return [...mmdd, ...ddmm]
}

/** "I love you, Ada": the word most often found inside passwords, with a name. */
const ILOVE = [...NAMES, ...MORE_NAMES.slice(0, 100)].map((name) => `ilove${name}`)

/** The base list: every word once, most likely first. */
export const BASE_WORDS: readonly string[] = [
  ...new Set([
    ...COMMON,
    ...DEVELOPER,
    ...keyboardWalks(),
    ...digitRuns(),
    ...NAMES,
    ...EVERYDAY,
    ...YEARS,
    ...MORE_NAMES,
    ...MORE_WORDS,
    ...ILOVE,
    ...dates(),
  ]),
]

/** Years people append to a password: the current one and the last few. */
const YEAR_SUFFIXES = Array.from({ length: 9 }, (_, index) => String(2018 + index))

/**
 * The mangling rules, in the order a cracker applies them: the whole base list goes
 * through the first rule, then the whole list through the second, and so on: people pick
 * the plain word more often than the word plus "2019!".
 */
const RULES: readonly ((word: string) => string)[] = [
  (word) => word,
  capitalise,
  (word) => word.toUpperCase(),
  (word) => `${word}1`,
  (word) => `${word}123`,
  (word) => `${word}!`,
  (word) => `${capitalise(word)}1`,
  (word) => `${capitalise(word)}!`,
  (word) => `${capitalise(word)}123`,
  (word) => `${word}12`,
  (word) => `${word}1234`,
  (word) => `${word}01`,
  (word) => `${word}1!`,
  (word) => `${word}123!`,
  (word) => `${word}@123`,
  (word) => `${capitalise(word)}1!`,
  (word) => `${capitalise(word)}123!`,
  leet,
  (word) => capitalise(leet(word)),
  (word) => `${leet(word)}1`,
  (word) => `${leet(word)}!`,
  (word) => [...word].reverse().join(''),
  (word) => `${word}${word}`,
  ...YEAR_SUFFIXES.flatMap((year) => [
    (word: string) => `${word}${year}`,
    (word: string) => `${capitalise(word)}${year}`,
    (word: string) => `${capitalise(word)}${year}!`,
  ]),
]

/** Every candidate: each rule over the whole base list, in order, each string once. */
const candidates = RULES.flatMap((rule) => BASE_WORDS.map(rule))
export const WORDLIST: readonly string[] = [...new Set(candidates)]
