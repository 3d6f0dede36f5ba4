import type { Language } from '@holibot/contracts';
import type { StoredAttribute } from '../../poi/index.js';

/**
 * What the built-in engine understands, in English, Spanish, German and Dutch. Terms are
 * written lower-case without accents (as questions are normalized); a term may be several
 * words. Typos are tolerated by the parser (edit distance), so only real spellings go here.
 */
/** What a place may have: its stored attributes, and being open now. */
export type Attribute = StoredAttribute | 'openNow';
export type Field = 'address' | 'phone' | 'website' | 'hours' | 'open' | 'price' | 'rating';
export type Ordinal = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | -1;

/** A topic is what a search is about: OR within a topic's lists. */
export interface Topic {
  subcategories?: string[];
  categories?: string[];
  cuisines?: string[];
  /** Ambient words (sea, view, swim): a topic only when the question names no other kind of place. */
  weak?: boolean;
}

export type Meaning =
  | { kind: 'topic'; topic: Topic; key: string }
  | { kind: 'attribute'; attribute: Attribute }
  | { kind: 'field'; field: Field }
  | { kind: 'ordinal'; ordinal: Ordinal }
  | { kind: 'which' } // which one(s): choose among the last list
  | { kind: 'it' } // it, that one, dort: the place being talked about
  | { kind: 'best' }
  | { kind: 'greeting' }
  | { kind: 'thanks' }
  | { kind: 'bye' }
  // "Something cheaper?": the last list again, least expensive first.
  | { kind: 'cheaper' }
  // An attempt to change the bot's rules or read them: answered with what HoliBot is for, never searched.
  | { kind: 'offTopic' }
  | { kind: 'help' }
  | { kind: 'stop' }; // words that carry no search meaning

type Terms = Partial<Record<Language, string[]>>;

const sub = (key: string, ...subcategories: string[]): Meaning => ({ kind: 'topic', key, topic: { subcategories } });
const cat = (key: string, ...categories: string[]): Meaning => ({ kind: 'topic', key, topic: { categories } });
const weak = (key: string, ...subcategories: string[]): Meaning => ({ kind: 'topic', key, topic: { subcategories, weak: true } });
const cuisine = (key: string, ...cuisines: string[]): Meaning => ({ kind: 'topic', key, topic: { cuisines } });
const attr = (attribute: Attribute): Meaning => ({ kind: 'attribute', attribute });
const field = (f: Field): Meaning => ({ kind: 'field', field: f });
const ord = (ordinal: Ordinal): Meaning => ({ kind: 'ordinal', ordinal });

// One entry a line: a table to scan, kept as written.
// prettier-ignore
export const LEXICON: Array<[Meaning, Terms]> = [
  // Topics: subcategories
  [sub('restaurants', 'Restaurants'), { en: ['restaurant', 'restaurants', 'eat', 'eating', 'dinner', 'lunch', 'food', 'dine', 'dining'], es: ['restaurante', 'restaurantes', 'comer', 'cenar', 'almorzar', 'comida', 'cena', 'almuerzo'], de: ['restaurant', 'restaurants', 'essen', 'abendessen', 'mittagessen', 'speisen', 'lokal', 'gaststatte'], nl: ['restaurant', 'restaurants', 'eten', 'diner', 'lunchen', 'dineren', 'avondeten'] }],
  [{ kind: 'topic', key: 'breakfast', topic: { subcategories: ['Cafés', 'Bakeries'], cuisines: ['breakfast', 'brunch'] } }, { en: ['breakfast', 'brunch'], es: ['desayuno', 'desayunar', 'desayunos'], de: ['fruhstuck', 'fruhstucken', 'brunch'], nl: ['ontbijt', 'ontbijten', 'brunch'] }],
  [sub('cafes', 'Cafés'), { en: ['cafe', 'cafes', 'coffee', 'coffee shop', 'tea'], es: ['cafeteria', 'cafeterias', 'cafe', 'cafes'], de: ['cafe', 'cafes', 'kaffee', 'kaffeehaus'], nl: ['cafe', 'cafes', 'koffie', 'koffiebar'] }],
  [sub('bars', 'Bars'), { en: ['bar', 'bars', 'pub', 'pubs', 'drink', 'drinks', 'beer', 'cocktail', 'cocktails'], es: ['bar', 'bares', 'copas', 'copa', 'cerveza', 'cocteles'], de: ['bar', 'bars', 'kneipe', 'kneipen', 'bier', 'cocktails', 'trinken'], nl: ['bar', 'bars', 'kroeg', 'kroegen', 'borrel', 'bier', 'drinken'] }],
  [sub('fastfood', 'Fast food'), { en: ['fast food', 'takeaway', 'take away'], es: ['comida rapida'], de: ['fast food', 'imbiss', 'schnellimbiss'], nl: ['fastfood', 'snackbar', 'afhaal'] }],
  [sub('icecream', 'Ice cream'), { en: ['ice cream', 'icecream', 'gelato'], es: ['helado', 'helados', 'heladeria'], de: ['eis', 'eisdiele', 'eiscafe', 'speiseeis'], nl: ['ijs', 'ijsje', 'ijssalon'] }],
  [sub('bakeries', 'Bakeries'), { en: ['bakery', 'bakeries', 'pastry', 'pastries', 'bread'], es: ['panaderia', 'panaderias', 'pasteleria', 'pan'], de: ['backerei', 'backereien', 'konditorei', 'brot'], nl: ['bakkerij', 'bakker', 'banketbakker', 'brood'] }],
  [sub('beaches', 'Beaches'), { en: ['beach', 'beaches', 'cove', 'coves'], es: ['playa', 'playas', 'cala', 'calas'], de: ['strand', 'strande', 'bucht', 'buchten'], nl: ['strand', 'stranden', 'baai'] }],
  [weak('sea', 'Beaches'), { en: ['swim', 'swimming', 'sea', 'seaside', 'sea view'], es: ['banarse', 'nadar', 'mar', 'vistas al mar'], de: ['baden', 'schwimmen', 'meer', 'meerblick'], nl: ['zwemmen', 'zee', 'zeezicht'] }],
  [sub('viewpoints', 'Viewpoints'), { en: ['viewpoint', 'viewpoints', 'panorama'], es: ['mirador', 'miradores'], de: ['aussichtspunkt', 'aussichtspunkte'], nl: ['uitzichtpunt', 'uitzichtpunten'] }],
  [weak('views', 'Viewpoints'), { en: ['view', 'views', 'sunset'], es: ['vistas', 'atardecer'], de: ['aussicht', 'sonnenuntergang'], nl: ['uitzicht', 'zonsondergang'] }],
  [sub('nature', 'Nature reserves', 'Parks', 'Mountains'), { en: ['nature', 'natural park', 'nature reserve', 'flamingos', 'birds', 'mountain', 'mountains', 'rock', 'peak'], es: ['naturaleza', 'parque natural', 'reserva', 'flamencos', 'montana', 'montanas', 'penon', 'pico'], de: ['natur', 'naturpark', 'naturschutzgebiet', 'flamingos', 'berg', 'berge', 'felsen'], nl: ['natuur', 'natuurpark', 'natuurgebied', 'flamingo', 'flamingos', 'berg', 'bergen', 'rots'] }],
  [sub('parks', 'Parks'), { en: ['parks', 'garden', 'gardens', 'picnic', 'picnic area', 'picnic spot'], es: ['parque', 'parques', 'jardin', 'jardines', 'picnic', 'merendero', 'merenderos'], de: ['park', 'parks', 'garten', 'picknick', 'picknickplatz'], nl: ['park', 'parken', 'tuin', 'picknick', 'picknickplaats'] }],
  [sub('museums', 'Museums'), { en: ['museum', 'museums', 'exhibition'], es: ['museo', 'museos', 'exposicion'], de: ['museum', 'museen', 'ausstellung'], nl: ['museum', 'musea', 'museums', 'tentoonstelling'] }],
  [sub('history', 'Historic sites', 'Monuments', 'Churches'), { en: ['history', 'historic', 'historical', 'monument', 'monuments', 'ruins', 'castle', 'tower', 'heritage'], es: ['historia', 'historico', 'historicos', 'monumento', 'monumentos', 'ruinas', 'castillo', 'torre', 'patrimonio'], de: ['geschichte', 'historisch', 'historische', 'denkmal', 'denkmaler', 'ruinen', 'burg', 'turm', 'sehenswurdigkeiten'], nl: ['geschiedenis', 'historisch', 'historische', 'monument', 'monumenten', 'ruines', 'kasteel', 'toren', 'bezienswaardigheden'] }],
  [sub('churches', 'Churches'), { en: ['church', 'churches', 'chapel'], es: ['iglesia', 'iglesias', 'ermita', 'capilla'], de: ['kirche', 'kirchen', 'kapelle'], nl: ['kerk', 'kerken', 'kapel'] }],
  [cat('culture', 'Culture & History'), { en: ['culture', 'cultural', 'sightseeing', 'sights', 'art', 'gallery', 'theatre', 'theater'], es: ['cultura', 'cultural', 'arte', 'galeria', 'teatro', 'que ver'], de: ['kultur', 'kunst', 'galerie', 'theater'], nl: ['cultuur', 'kunst', 'galerie', 'theater'] }],
  [sub('diving', 'Diving'), { en: ['diving', 'dive', 'scuba', 'snorkel', 'snorkelling', 'snorkeling'], es: ['buceo', 'bucear', 'snorkel'], de: ['tauchen', 'tauchschule', 'schnorcheln'], nl: ['duiken', 'snorkelen', 'duikschool'] }],
  [sub('watersports', 'Water sports'), { en: ['water sports', 'watersports', 'kayak', 'kayaking', 'paddle', 'paddle surf', 'sup', 'sailing', 'kitesurf', 'kitesurfing', 'windsurf', 'windsurfing', 'surf', 'surfing', 'boat', 'boat trip', 'boat trips', 'boats'], es: ['deportes acuaticos', 'kayak', 'vela', 'navegar', 'barco', 'barcos', 'paseo en barco'], de: ['wassersport', 'kajak', 'segeln', 'boot', 'bootsfahrt', 'bootstour'], nl: ['watersport', 'kajak', 'kajakken', 'zeilen', 'boot', 'boottocht'] }],
  [sub('hiking', 'Hiking'), { en: ['hiking', 'hike', 'hikes', 'walk', 'walks', 'walking', 'trail', 'trails', 'trekking'], es: ['senderismo', 'ruta', 'rutas', 'caminar', 'sendero', 'senderos', 'excursion'], de: ['wandern', 'wanderung', 'wanderungen', 'wanderweg', 'spazieren'], nl: ['wandelen', 'wandeling', 'wandelroute', 'wandelpad', 'hiken'] }],
  [sub('golf', 'Golf'), { en: ['golf', 'golf course'], es: ['golf', 'campo de golf'], de: ['golf', 'golfplatz'], nl: ['golf', 'golfbaan'] }],
  [sub('climbing', 'Climbing'), { en: ['climbing', 'climb'], es: ['escalada', 'escalar'], de: ['klettern'], nl: ['klimmen'] }],
  [sub('tennis', 'Tennis'), { en: ['tennis', 'padel'], es: ['tenis', 'padel'], de: ['tennis', 'padel'], nl: ['tennis', 'padel'] }],
  [sub('cycling', 'Cycling'), { en: ['bike', 'bikes', 'bicycle', 'cycling', 'bike rental'], es: ['bici', 'bicicleta', 'bicicletas', 'ciclismo'], de: ['fahrrad', 'fahrrader', 'radfahren', 'fahrradverleih'], nl: ['fiets', 'fietsen', 'fietsverhuur'] }],
  [sub('fitness', 'Fitness'), { en: ['gym', 'fitness', 'sports centre', 'pool'], es: ['gimnasio', 'piscina', 'polideportivo'], de: ['fitnessstudio', 'fitness', 'schwimmbad'], nl: ['sportschool', 'fitness', 'zwembad'] }],
  [cat('todo', 'Culture & History', 'Active', 'Beaches & Nature', 'Recreation'), { en: ['things to do', 'what to do', 'to do', 'activities for', 'excursions', 'day trip'], es: ['que hacer', 'cosas que hacer', 'planes', 'excursiones'], de: ['was unternehmen', 'unternehmen', 'was kann man machen', 'ausfluge', 'ausflug'], nl: ['wat te doen', 'te doen', 'uitstapjes', 'uitstapje', 'wat kan je doen'] }],
  [cat('active', 'Active'), { en: ['sport', 'sports', 'activity', 'activities', 'active', 'adventure'], es: ['deporte', 'deportes', 'actividad', 'actividades', 'aventura'], de: ['sport', 'aktivitaten', 'aktiv', 'abenteuer'], nl: ['sport', 'sporten', 'activiteit', 'activiteiten', 'actief', 'avontuur'] }],
  [sub('markets', 'Markets'), { en: ['market', 'markets', 'flea market'], es: ['mercado', 'mercadillo', 'mercados'], de: ['markt', 'markte', 'wochenmarkt', 'flohmarkt'], nl: ['markt', 'markten', 'weekmarkt', 'vlooienmarkt'] }],
  [sub('supermarkets', 'Supermarkets'), { en: ['supermarket', 'supermarkets', 'groceries', 'grocery'], es: ['supermercado', 'supermercados', 'tienda de alimentacion'], de: ['supermarkt', 'supermarkte', 'lebensmittel'], nl: ['supermarkt', 'supermarkten', 'boodschappen'] }],
  [sub('fashion', 'Fashion'), { en: ['clothes', 'fashion', 'shoes', 'jewellery', 'jewelry', 'boutique'], es: ['ropa', 'moda', 'zapatos', 'joyeria'], de: ['kleidung', 'mode', 'schuhe', 'schmuck'], nl: ['kleding', 'mode', 'schoenen', 'sieraden'] }],
  [sub('souvenirs', 'Souvenirs'), { en: ['souvenir', 'souvenirs', 'gift', 'gifts'], es: ['recuerdo', 'recuerdos', 'regalos', 'souvenirs'], de: ['souvenir', 'souvenirs', 'andenken', 'geschenke'], nl: ['souvenir', 'souvenirs', 'cadeau', 'cadeaus'] }],
  [sub('wine', 'Wine & delicatessen'), { en: ['wine', 'wines', 'wine shop', 'delicatessen', 'winery', 'wineries', 'wine tasting', 'brewery', 'breweries'], es: ['vino', 'vinos', 'bodega', 'bodegas', 'vinoteca', 'cata de vinos', 'cerveceria artesana'], de: ['wein', 'weine', 'weinhandlung', 'feinkost', 'weingut', 'weinguter', 'weinprobe', 'brauerei'], nl: ['wijn', 'wijnen', 'wijnwinkel', 'delicatessen', 'wijnhuis', 'wijngaard', 'wijnproeverij', 'brouwerij'] }],
  [cat('shopping', 'Shopping'), { en: ['shop', 'shops', 'shopping', 'store', 'stores', 'buy', 'mall'], es: ['tienda', 'tiendas', 'compras', 'comprar', 'centro comercial'], de: ['geschaft', 'geschafte', 'laden', 'einkaufen', 'shoppen', 'einkaufszentrum'], nl: ['winkel', 'winkels', 'winkelen', 'kopen', 'winkelcentrum'] }],
  [sub('marinas', 'Marinas'), { en: ['marina', 'yacht club'], es: ['puerto deportivo', 'club nautico'], de: ['yachthafen', 'jachthafen'], nl: ['jachthaven'] }],
  [weak('port', 'Marinas'), { en: ['harbour', 'harbor', 'port'], es: ['puerto'], de: ['hafen'], nl: ['haven'] }],
  [sub('playgrounds', 'Playgrounds', 'Water parks', 'Theme parks'), { en: ['playground', 'playgrounds'], es: ['parque infantil', 'parques infantiles', 'columpios'], de: ['spielplatz', 'spielplatze'], nl: ['speeltuin', 'speeltuinen'] }],
  [sub('waterparks', 'Water parks'), { en: ['water park', 'waterpark', 'aquapark'], es: ['parque acuatico', 'aquopolis'], de: ['wasserpark', 'spassbad', 'aquapark'], nl: ['waterpark', 'aquapark'] }],
  [sub('fun', 'Theme parks', 'Water parks', 'Playgrounds', 'Cinemas'), { en: ['fun', 'amusement', 'theme park', 'mini golf', 'minigolf', 'arcade', 'zoo'], es: ['diversion', 'parque de atracciones', 'minigolf', 'zoo'], de: ['spass', 'freizeitpark', 'minigolf', 'zoo'], nl: ['pret', 'pretpark', 'minigolf', 'dierentuin'] }],
  [sub('cinemas', 'Cinemas'), { en: ['cinema', 'cinemas', 'movie', 'movies', 'film'], es: ['cine', 'cines', 'pelicula'], de: ['kino', 'kinos', 'film'], nl: ['bioscoop', 'film'] }],
  [sub('nightlife', 'Nightlife', 'Bars'), { en: ['nightlife', 'nightclub', 'nightclubs', 'club', 'clubs', 'party', 'dancing', 'disco'], es: ['vida nocturna', 'discoteca', 'discotecas', 'fiesta', 'bailar'], de: ['nachtleben', 'nachtclub', 'diskothek', 'disko', 'party', 'tanzen'], nl: ['nachtleven', 'nachtclub', 'disco', 'feest', 'uitgaan', 'dansen'] }],
  [sub('hotels', 'Hotels'), { en: ['hotel', 'hotels'], es: ['hotel', 'hoteles'], de: ['hotel', 'hotels'], nl: ['hotel', 'hotels'] }],
  [cat('accommodation', 'Accommodation'), { en: ['accommodation', 'stay', 'sleep', 'lodging', 'apartment', 'apartments', 'hostel', 'guest house'], es: ['alojamiento', 'alojarse', 'dormir', 'apartamento', 'apartamentos', 'hostal', 'albergue'], de: ['unterkunft', 'ubernachten', 'ubernachtung', 'schlafen', 'ferienwohnung', 'pension', 'herberge'], nl: ['accommodatie', 'overnachten', 'slapen', 'verblijf', 'appartement', 'appartementen', 'hostel', 'pension'] }],
  [sub('campsites', 'Campsites'), { en: ['camping', 'campsite', 'campsites', 'camper', 'campervan'], es: ['camping', 'campings', 'acampar', 'autocaravana'], de: ['camping', 'campingplatz', 'wohnmobil'], nl: ['camping', 'campings', 'kamperen', 'camper'] }],
  [sub('info', 'Tourist information'), { en: ['tourist information', 'tourist office', 'information', 'tourist info'], es: ['oficina de turismo', 'informacion turistica', 'turismo'], de: ['touristeninformation', 'touristinfo', 'fremdenverkehrsamt'], nl: ['toeristeninformatie', 'vvv', 'toeristenbureau'] }],
  [sub('parking', 'Parking'), { en: ['parking', 'car park', 'park', 'park my car', 'park the car'], es: ['aparcamiento', 'aparcar', 'parking'], de: ['parkplatz', 'parken', 'parkhaus'], nl: ['parkeren', 'parkeerplaats', 'parkeergarage'] }],
  [sub('banks', 'Banks & ATMs'), { en: ['atm', 'cash', 'bank', 'cash machine', 'money'], es: ['cajero', 'banco', 'dinero'], de: ['geldautomat', 'bank', 'bargeld'], nl: ['geldautomaat', 'pinautomaat', 'bank', 'pinnen'] }],
  [sub('transport', 'Transport', 'Fuel'), { en: ['bus', 'bus station', 'taxi', 'transport', 'petrol', 'gas station', 'fuel'], es: ['autobus', 'estacion de autobuses', 'taxi', 'transporte', 'gasolinera'], de: ['bus', 'busbahnhof', 'taxi', 'tankstelle'], nl: ['bus', 'busstation', 'taxi', 'tankstation'] }],
  [sub('post', 'Post offices'), { en: ['post office', 'post', 'stamps'], es: ['correos', 'oficina de correos'], de: ['post', 'postamt', 'briefmarken'], nl: ['postkantoor', 'post', 'postzegels'] }],
  [sub('toilets', 'Toilets'), { en: ['toilet', 'toilets', 'restroom', 'wc'], es: ['aseo', 'aseos', 'bano', 'banos', 'servicios'], de: ['toilette', 'toiletten', 'wc'], nl: ['toilet', 'wc'] }],
  [sub('police', 'Police'), { en: ['police'], es: ['policia'], de: ['polizei'], nl: ['politie'] }],
  [sub('pharmacies', 'Pharmacies'), { en: ['pharmacy', 'pharmacies', 'chemist', 'drugstore'], es: ['farmacia', 'farmacias'], de: ['apotheke', 'apotheken'], nl: ['apotheek', 'apotheken'] }],
  [sub('health', 'Hospitals & clinics'), { en: ['hospital', 'doctor', 'clinic', 'dentist', 'medical', 'emergency'], es: ['hospital', 'medico', 'clinica', 'dentista', 'urgencias'], de: ['krankenhaus', 'arzt', 'klinik', 'zahnarzt', 'notaufnahme'], nl: ['ziekenhuis', 'dokter', 'huisarts', 'kliniek', 'tandarts', 'spoedeisende hulp'] }],
  [sub('spa', 'Spas & wellness'), { en: ['spa', 'wellness', 'massage', 'yoga', 'sauna'], es: ['spa', 'bienestar', 'masaje', 'masajes', 'yoga'], de: ['spa', 'wellness', 'massage', 'yoga', 'sauna'], nl: ['spa', 'wellness', 'massage', 'yoga', 'sauna'] }],
  // Topics: cuisines (OSM cuisine values)
  [cuisine('italian', 'italian', 'pizza'), { en: ['italian', 'pizza', 'pizzeria', 'pasta'], es: ['italiano', 'italiana', 'italianos', 'pizza', 'pizzeria', 'pasta'], de: ['italienisch', 'italienische', 'italienisches', 'italiener', 'pizza', 'pizzeria', 'pasta'], nl: ['italiaans', 'italiaanse', 'pizza', 'pizzeria', 'pasta'] }],
  [cuisine('paella', 'paella', 'rice'), { en: ['paella', 'rice', 'rice dishes'], es: ['paella', 'paellas', 'arroz', 'arroces', 'arroceria'], de: ['paella', 'reis', 'reisgerichte'], nl: ['paella', 'rijst', 'rijstgerechten'] }],
  [cuisine('seafood', 'seafood', 'fish'), { en: ['seafood', 'fish', 'shellfish'], es: ['marisco', 'mariscos', 'pescado', 'marisqueria'], de: ['meeresfruchte', 'fisch', 'fischrestaurant'], nl: ['zeevruchten', 'vis', 'visrestaurant'] }],
  [cuisine('tapas', 'tapas'), { en: ['tapas', 'tapa'], es: ['tapas', 'tapeo', 'tapear'], de: ['tapas'], nl: ['tapas'] }],
  [cuisine('japanese', 'japanese', 'sushi'), { en: ['japanese', 'sushi'], es: ['japones', 'japonesa', 'sushi'], de: ['japanisch', 'japanische', 'sushi'], nl: ['japans', 'japanse', 'sushi'] }],
  [cuisine('chinese', 'chinese', 'asian'), { en: ['chinese'], es: ['chino', 'china'], de: ['chinesisch', 'chinesische'], nl: ['chinees', 'chinese'] }],
  [cuisine('indian', 'indian', 'curry'), { en: ['indian', 'curry'], es: ['indio', 'india', 'hindu'], de: ['indisch', 'indische'], nl: ['indiaas', 'indiase'] }],
  [cuisine('thai', 'thai'), { en: ['thai'], es: ['tailandes', 'tailandesa'], de: ['thailandisch', 'thai'], nl: ['thais', 'thaise'] }],
  [cuisine('mexican', 'mexican'), { en: ['mexican'], es: ['mexicano', 'mexicana'], de: ['mexikanisch', 'mexikanische'], nl: ['mexicaans', 'mexicaanse'] }],
  [cuisine('burger', 'burger', 'american'), { en: ['burger', 'burgers', 'hamburger', 'american'], es: ['hamburguesa', 'hamburguesas', 'americano'], de: ['burger', 'hamburger', 'amerikanisch'], nl: ['burger', 'burgers', 'hamburger', 'amerikaans'] }],
  [cuisine('local', 'regional', 'spanish', 'mediterranean', 'valencian'), { en: ['local', 'spanish', 'mediterranean', 'traditional', 'typical', 'local food'], es: ['tipico', 'tipica', 'espanol', 'espanola', 'mediterraneo', 'mediterranea', 'tradicional', 'local', 'valenciana', 'casera'], de: ['spanisch', 'spanische', 'mediterran', 'mediterrane', 'typisch', 'typische', 'traditionell', 'einheimisch', 'regional'], nl: ['spaans', 'spaanse', 'mediterraan', 'mediterrane', 'typisch', 'lokaal', 'lokale', 'traditioneel', 'regionaal'] }],
  [cuisine('greek', 'greek'), { en: ['greek'], es: ['griego', 'griega'], de: ['griechisch', 'griechische', 'grieche'], nl: ['grieks', 'griekse'] }],
  [cuisine('french', 'french'), { en: ['french'], es: ['frances', 'francesa'], de: ['franzosisch', 'franzosische'], nl: ['frans', 'franse'] }],
  [cuisine('turkish', 'turkish', 'kebab'), { en: ['turkish', 'kebab', 'doner'], es: ['turco', 'turca', 'kebab'], de: ['turkisch', 'turkische', 'kebab', 'doner'], nl: ['turks', 'turkse', 'kebab', 'doner'] }],
  [cuisine('vietnamese', 'vietnamese'), { en: ['vietnamese'], es: ['vietnamita'], de: ['vietnamesisch', 'vietnamesische'], nl: ['vietnamees', 'vietnamese'] }],
  [cuisine('korean', 'korean'), { en: ['korean'], es: ['coreano', 'coreana'], de: ['koreanisch', 'koreanische'], nl: ['koreaans', 'koreaanse'] }],
  [cuisine('lebanese', 'lebanese', 'middle_eastern'), { en: ['lebanese', 'middle eastern'], es: ['libanes', 'libanesa'], de: ['libanesisch', 'libanesische'], nl: ['libanees', 'libanese'] }],
  [cuisine('argentinian', 'argentinian', 'steak_house'), { en: ['argentinian', 'steakhouse', 'steak house'], es: ['argentino', 'argentina'], de: ['argentinisch', 'argentinische', 'steakhaus'], nl: ['argentijns', 'argentijnse', 'steakhouse'] }],
  [cuisine('german', 'german'), { en: ['german'], es: ['aleman', 'alemana'], de: ['deutsch', 'deutsche', 'deutsches'], nl: ['duits', 'duitse'] }],
  [cuisine('dutch', 'dutch'), { en: ['dutch'], es: ['holandes', 'holandesa', 'neerlandes'], de: ['niederlandisch', 'hollandisch'], nl: ['nederlands', 'nederlandse', 'hollands', 'hollandse'] }],
  [cuisine('british', 'british', 'english'), { en: ['british', 'english breakfast', 'fish and chips'], es: ['britanico', 'ingles'], de: ['britisch', 'englisch'], nl: ['brits', 'britse', 'engels'] }],
  // Attributes
  [attr('outdoorSeating'), { en: ['outdoor seating', 'outdoor', 'outside', 'terrace', 'terraces', 'patio', 'al fresco', 'sit outside'], es: ['terraza', 'terrazas', 'al aire libre', 'fuera', 'exterior'], de: ['terrasse', 'draussen', 'aussenbereich', 'im freien', 'sitzplatze im freien'], nl: ['terras', 'terrasje', 'buiten', 'buiten zitten', 'buitenterras'] }],
  [attr('wheelchair'), { en: ['wheelchair', 'wheelchair accessible', 'accessible', 'disabled', 'step free', 'reduced mobility'], es: ['silla de ruedas', 'accesible', 'accesibles', 'movilidad reducida', 'minusvalidos'], de: ['rollstuhl', 'rollstuhlgerecht', 'barrierefrei', 'behindertengerecht', 'rollstuhlzuganglich'], nl: ['rolstoel', 'rolstoeltoegankelijk', 'toegankelijk', 'mindervaliden', 'invaliden'] }],
  [attr('vegetarian'), { en: ['vegetarian', 'veggie', 'meat free'], es: ['vegetariano', 'vegetariana', 'vegetarianos', 'vegetarianas'], de: ['vegetarisch', 'vegetarische', 'vegetarier'], nl: ['vegetarisch', 'vegetarische', 'vegetariers'] }],
  [attr('vegan'), { en: ['vegan', 'plant based'], es: ['vegano', 'vegana', 'veganos', 'veganas'], de: ['vegan', 'vegane', 'veganes', 'veganer'], nl: ['veganistisch', 'veganistische', 'vegan'] }],
  [attr('dogs'), { en: ['dog', 'dogs', 'dog friendly', 'pet', 'pets', 'pet friendly', 'with my dog'], es: ['perro', 'perros', 'mascota', 'mascotas', 'para perros', 'con perro', 'caninas', 'canina'], de: ['hund', 'hunde', 'hundefreundlich', 'hundestrand', 'haustier', 'haustiere', 'mit hund'], nl: ['hond', 'honden', 'hondvriendelijk', 'hondenstrand', 'huisdier', 'huisdieren', 'met de hond'] }],
  [attr('kids'), { en: ['kids', 'kid', 'children', 'child', 'family', 'families', 'family friendly', 'kid friendly', 'toddlers'], es: ['ninos', 'nino', 'familia', 'familias', 'familiar', 'familiares', 'infantil', 'peques'], de: ['kinder', 'kind', 'familie', 'familien', 'familienfreundlich', 'kinderfreundlich'], nl: ['kinderen', 'kind', 'kids', 'gezin', 'familie', 'gezinnen', 'kindvriendelijk', 'gezinsvriendelijk'] }],
  [attr('free'), { en: ['free', 'free of charge', 'no fee', 'without paying'], es: ['gratis', 'gratuito', 'gratuita', 'gratuitos', 'sin pagar'], de: ['kostenlos', 'gratis', 'umsonst', 'eintritt frei', 'kostenfrei'], nl: ['gratis', 'kosteloos', 'vrij toegankelijk'] }],
  [attr('cheap'), { en: ['cheap', 'inexpensive', 'budget', 'affordable', 'cheapest', 'low cost'], es: ['barato', 'barata', 'baratos', 'baratas', 'economico', 'economica', 'economicos', 'asequible'], de: ['gunstig', 'gunstige', 'gunstigste', 'gunstigsten', 'billig', 'billige', 'billigste', 'billigsten', 'preiswert', 'preiswerte'], nl: ['goedkoop', 'goedkope', 'goedkoopste', 'betaalbaar', 'betaalbare', 'voordelig'] }],
  [attr('expensive'), { en: ['expensive', 'luxury', 'upscale', 'fine dining', 'fancy', 'gourmet'], es: ['caro', 'cara', 'caros', 'lujo', 'de lujo', 'gourmet'], de: ['teuer', 'teure', 'luxus', 'luxurios', 'gehoben', 'gourmet'], nl: ['duur', 'dure', 'luxe', 'luxueus', 'chique', 'gourmet'] }],
  [attr('openNow'), { en: ['open', 'open now', 'open right now', 'currently open', 'open today', 'still open'], es: ['abierto ahora', 'abierta ahora', 'abiertos ahora', 'abierto', 'abiertos', 'abierta'], de: ['jetzt geoffnet', 'geoffnet', 'offen', 'jetzt offen', 'noch offen'], nl: ['nu open', 'open', 'geopend', 'nu geopend', 'nog open'] }],
  // Follow-up vocabulary
  [field('address'), { en: ['address', 'where is it', 'location', 'located', 'directions'], es: ['direccion', 'donde esta', 'ubicacion', 'ubicado', 'como llegar'], de: ['adresse', 'wo ist', 'anschrift', 'lage', 'wegbeschreibung'], nl: ['adres', 'waar is', 'locatie', 'ligging', 'route'] }],
  [field('phone'), { en: ['phone', 'phone number', 'telephone', 'call', 'number'], es: ['telefono', 'numero', 'llamar'], de: ['telefon', 'telefonnummer', 'nummer', 'anrufen'], nl: ['telefoon', 'telefoonnummer', 'nummer', 'bellen'] }],
  [field('website'), { en: ['website', 'web', 'site', 'url', 'web site', 'webpage'], es: ['web', 'pagina web', 'sitio web'], de: ['webseite', 'website', 'homepage', 'internetseite'], nl: ['website', 'webpagina', 'site'] }],
  [field('hours'), { en: ['opening hours', 'hours', 'opening times', 'when', 'what time', 'schedule', 'close', 'closes', 'closing'], es: ['horario', 'horarios', 'hora', 'cuando', 'a que hora', 'cierra', 'abre'], de: ['offnungszeiten', 'wann', 'uhrzeit', 'schliesst', 'offnet'], nl: ['openingstijden', 'openingsuren', 'wanneer', 'hoe laat', 'sluit', 'gaat open'] }],
  [field('price'), { en: ['price', 'prices', 'how much', 'cost', 'pricey'], es: ['precio', 'precios', 'cuanto cuesta', 'cuesta'], de: ['preis', 'preise', 'wie viel', 'kosten', 'kostet'], nl: ['prijs', 'prijzen', 'hoeveel', 'kosten', 'kost'] }],
  [field('rating'), { en: ['rating', 'reviews', 'rated', 'stars', 'score'], es: ['valoracion', 'opiniones', 'resenas', 'puntuacion', 'estrellas'], de: ['bewertung', 'bewertungen', 'sterne'], nl: ['beoordeling', 'beoordelingen', 'reviews', 'sterren', 'score'] }],
  [ord(1), { en: ['first', 'first one', '1st', 'number one', 'number 1'], es: ['primero', 'primera', 'primer', 'el primero', 'la primera'], de: ['erste', 'ersten', 'erster', 'erstes', 'nummer eins', 'nummer 1'], nl: ['eerste', 'nummer een', 'nummer 1'] }],
  [ord(2), { en: ['second', 'second one', '2nd', 'number two', 'number 2'], es: ['segundo', 'segunda'], de: ['zweite', 'zweiten', 'zweiter', 'zweites', 'nummer zwei', 'nummer 2'], nl: ['tweede', 'nummer twee', 'nummer 2'] }],
  [ord(3), { en: ['third', 'third one', '3rd', 'number three', 'number 3'], es: ['tercero', 'tercera', 'tercer'], de: ['dritte', 'dritten', 'dritter', 'drittes', 'nummer drei', 'nummer 3'], nl: ['derde', 'nummer drie', 'nummer 3'] }],
  [ord(4), { en: ['fourth', '4th', 'number four', 'number 4'], es: ['cuarto', 'cuarta'], de: ['vierte', 'vierten', 'vierter'], nl: ['vierde'] }],
  [ord(5), { en: ['fifth', '5th', 'number five', 'number 5'], es: ['quinto', 'quinta'], de: ['funfte', 'funften', 'funfter'], nl: ['vijfde'] }],
  [ord(6), { en: ['sixth', '6th'], es: ['sexto', 'sexta'], de: ['sechste', 'sechsten'], nl: ['zesde'] }],
  [ord(7), { en: ['seventh', '7th'], es: ['septimo', 'septima'], de: ['siebte', 'siebten'], nl: ['zevende'] }],
  [ord(8), { en: ['eighth', '8th'], es: ['octavo', 'octava'], de: ['achte', 'achten'], nl: ['achtste'] }],
  [ord(9), { en: ['ninth', '9th'], es: ['noveno', 'novena'], de: ['neunte', 'neunten'], nl: ['negende'] }],
  [ord(10), { en: ['tenth', '10th'], es: ['decimo', 'decima'], de: ['zehnte', 'zehnten'], nl: ['tiende'] }],
  [ord(-1), { en: ['last', 'last one', 'final one'], es: ['ultimo', 'ultima', 'el ultimo', 'la ultima'], de: ['letzte', 'letzten', 'letzter', 'letztes'], nl: ['laatste'] }],
  [{ kind: 'which' }, { en: ['which one', 'which ones', 'which', 'any of them', 'of them', 'of those'], es: ['cual', 'cuales', 'cual de ellos', 'alguno de ellos', 'de ellos', 'de esos'], de: ['welcher', 'welches', 'welche davon', 'welcher davon', 'davon'], nl: ['welke', 'welk', 'welke daarvan', 'daarvan', 'van die'] }],
  [{ kind: 'it' }, { en: ['it', 'its', 'that one', 'this one', 'that place', 'this place'], es: ['ese', 'esa', 'eso', 'este', 'esta', 'ahi', 'alli', 'lo'], de: ['es', 'dort', 'dieses', 'diesen', 'dieser'], nl: ['het', 'daar', 'die', 'deze', 'dat'] }],
  [{ kind: 'best' }, { en: ['best', 'top', 'good', 'great', 'recommended', 'recommend', 'nice', 'popular', 'highest rated', 'top rated'], es: ['mejor', 'mejores', 'bueno', 'buena', 'buenos', 'buenas', 'recomendado', 'recomendados', 'recomiendas', 'recomendar', 'populares'], de: ['beste', 'besten', 'bestes', 'gut', 'gute', 'guten', 'gutes', 'empfehlenswert', 'empfehlen', 'empfiehlst', 'beliebt', 'beliebte', 'schone', 'schonen', 'schonsten'], nl: ['beste', 'goed', 'goede', 'aanrader', 'aanraden', 'aanbevolen', 'populair', 'populaire', 'leuk', 'leuke', 'mooie', 'mooiste'] }],
  [{ kind: 'greeting' }, { en: ['hello', 'hi', 'hey', 'good morning', 'good evening'], es: ['hola', 'buenos dias', 'buenas tardes', 'buenas noches', 'buenas'], de: ['hallo', 'guten tag', 'guten morgen', 'guten abend', 'servus', 'moin'], nl: ['hallo', 'hoi', 'goedemorgen', 'goedemiddag', 'goedenavond', 'dag'] }],
  [{ kind: 'thanks' }, { en: ['thanks', 'thank you', 'thx', 'cheers', 'great thanks'], es: ['gracias', 'muchas gracias'], de: ['danke', 'vielen dank', 'dankeschon'], nl: ['bedankt', 'dank je', 'dank u', 'dankjewel', 'dankuwel'] }],
  [{ kind: 'cheaper' }, { en: ['cheaper', 'less expensive', 'something cheaper', 'anything cheaper'], es: ['mas barato', 'mas barata', 'mas baratos', 'mas baratas', 'mas economico', 'mas economica'], de: ['billiger', 'gunstiger', 'preiswerter', 'etwas billigeres', 'etwas gunstigeres'], nl: ['goedkoper', 'minder duur', 'iets goedkopers'] }],
  [{ kind: 'bye' }, { en: ['bye', 'goodbye', 'bye bye', 'see you', 'see you later', 'see ya'], es: ['adios', 'hasta luego', 'hasta pronto', 'hasta manana', 'chao', 'chau', 'nos vemos'], de: ['tschuss', 'auf wiedersehen', 'bis bald', 'bis dann', 'bis spater', 'ciao'], nl: ['doei', 'dag dag', 'tot ziens', 'tot straks', 'tot later', 'houdoe'] }],
  [{ kind: 'offTopic' }, { en: ['ignore previous instructions', 'ignore all previous instructions', 'ignore your instructions', 'ignore the instructions', 'previous instructions', 'system prompt', 'your prompt', 'your instructions', 'developer mode', 'jailbreak', 'you are now', 'pretend to be'], es: ['ignora las instrucciones', 'ignora tus instrucciones', 'instrucciones anteriores', 'tus instrucciones', 'prompt del sistema', 'modo desarrollador'], de: ['ignoriere alle anweisungen', 'ignoriere deine anweisungen', 'vorherigen anweisungen', 'deine anweisungen', 'systemprompt', 'entwicklermodus'], nl: ['negeer alle instructies', 'negeer je instructies', 'vorige instructies', 'je instructies', 'systeemprompt', 'ontwikkelaarsmodus'] }],
  [{ kind: 'help' }, { en: ['help', 'what can you do', 'who are you'], es: ['ayuda', 'que puedes hacer', 'quien eres'], de: ['hilfe', 'was kannst du', 'wer bist du'], nl: ['help', 'wat kun je', 'wie ben je'] }],
  // Words without search meaning. Only these (and lexicon words) are dropped from a text search.
  [{ kind: 'stop' }, {
    en: ['a', 'an', 'the', 'in', 'at', 'on', 'of', 'for', 'to', 'near', 'nearby', 'around', 'close to', 'with', 'and', 'or', 'is', 'are', 'was', 'be', 'do', 'does', 'can', 'could', 'i', 'we', 'me', 'my', 'our', 'you', 'your', 'where', 'what', 'whats', 's', 'one', 'ones', 'has', 'have', 'any', 'some', 'there', 'find', 'show', 'give', 'tell', 'want', 'would', 'like', 'looking', 'look', 'need', 'go', 'get', 'please', 'place', 'places', 'spot', 'spots', 'recommendation', 'recommendations', 'town', 'area', 'here', 'today', 'tonight', 'now', 'about', 'also', 'more', 'other', 'than', 'from', 'by', 'how', 'who', 'well', 'that', 'this', 'much', 'many', 'very', 'really', 'only', 'just', 'good for', 'serve', 'serves', 'serving', 'offer', 'offers', 'allowed', 'friendly', 'seating', 'accessible', 'options', 'option', 'menu', 'should', 'visit', 'see', 'go to', 'do you know', 'know', 'somewhere', 'something', 'things', 'thing', 'lovely', 'delicious', 'tasty', 'they', 'them', 'these', 'those', 'allow', 'allows', 'bring', 'take', 'access', 'ok', 'okay', 'yes', 'no', 'more of them'],
    es: ['el', 'la', 'los', 'las', 'un', 'una', 'unos', 'unas', 'en', 'de', 'del', 'al', 'a', 'con', 'para', 'por', 'y', 'o', 'que', 'es', 'son', 'estan', 'hay', 'donde', 'puedo', 'podemos', 'puede', 'me', 'mi', 'nos', 'se', 'le', 'algun', 'alguna', 'algunos', 'cerca', 'sitio', 'sitios', 'lugar', 'lugares', 'quiero', 'queremos', 'busco', 'buscamos', 'recomienda', 'dime', 'muestrame', 'tiene', 'tienen', 'ir', 'hoy', 'ahora', 'aqui', 'zona', 'pueblo', 'muy', 'mas', 'sirven', 'admiten', 'permiten', 'visitar', 'ver', 'conoces', 'sabes', 'bien', 'rico', 'algo', 'vale', 'si', 'no', 'hacer', 'como', 'dame', 'cuanto', 'cuanta'],
    de: ['der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einen', 'einem', 'einer', 'in', 'im', 'am', 'an', 'auf', 'mit', 'fur', 'zu', 'zum', 'zur', 'und', 'oder', 'ist', 'sind', 'gibt', 'wo', 'was', 'kann', 'konnen', 'ich', 'wir', 'man', 'mir', 'uns', 'mein', 'meine', 'in der nahe', 'nahe', 'bei', 'von', 'vom', 'hier', 'heute', 'jetzt', 'ort', 'orte', 'platz', 'platze', 'suche', 'suchen', 'mochte', 'mochten', 'zeig', 'zeige', 'hat', 'haben', 'gehen', 'bitte', 'welche', 'welchen', 'sehr', 'noch', 'auch', 'nur', 'erlaubt', 'besuchen', 'sehen', 'kennst', 'du', 'weisst', 'lecker', 'etwas', 'ja', 'nein', 'machen', 'wie', 'lautet', 'heisst', 'sag', 'gib'],
    nl: ['de', 'het', 'een', 'in', 'op', 'aan', 'bij', 'met', 'voor', 'naar', 'van', 'en', 'of', 'is', 'zijn', 'er', 'waar', 'wat', 'kan', 'kun', 'kunnen', 'ik', 'we', 'wij', 'mij', 'me', 'ons', 'mijn', 'jij', 'je', 'u', 'in de buurt', 'buurt', 'dichtbij', 'hier', 'vandaag', 'nu', 'plek', 'plekken', 'plaats', 'plaatsen', 'zoek', 'zoeken', 'wil', 'willen', 'graag', 'laat', 'zien', 'heeft', 'hebben', 'gaan', 'alsjeblieft', 'zeer', 'erg', 'ook', 'nog', 'alleen', 'toegestaan', 'bezoeken', 'ken', 'weet', 'lekker', 'lekkere', 'iets', 'ja', 'nee', 'doen', 'er', 'hoe', 'luidt', 'vertel', 'geef'],
  }],
];
