import type { Language } from '@holibot/contracts';

/**
 * Each subcategory's name in each language (PoiView.subcategoryLabel, and the built-in engine's
 * answers); English is the name it is stored by. Grouped by category, several a line, kept as written.
 */
export const SUBCATEGORY_LABELS: Readonly<Record<Language, Readonly<Record<string, string>>>> = {
  en: {},
  // prettier-ignore
  es: {
    Restaurants: 'Restaurantes', 'Cafés': 'Cafeterías', Bars: 'Bares', 'Fast food': 'Comida rápida', 'Ice cream': 'Heladerías', Bakeries: 'Panaderías',
    Beaches: 'Playas', Viewpoints: 'Miradores', 'Nature reserves': 'Espacios naturales', Parks: 'Parques', Mountains: 'Montañas',
    Museums: 'Museos', 'Historic sites': 'Lugares históricos', Monuments: 'Monumentos', Churches: 'Iglesias', Galleries: 'Galerías', Theatres: 'Teatros', Attractions: 'Atracciones',
    Diving: 'Buceo', 'Water sports': 'Deportes acuáticos', Hiking: 'Senderismo', Climbing: 'Escalada', Golf: 'Golf', Tennis: 'Tenis y pádel', Cycling: 'Bicicletas', Fitness: 'Deporte',
    Markets: 'Mercados', Supermarkets: 'Supermercados', Fashion: 'Moda', Souvenirs: 'Recuerdos', 'Wine & delicatessen': 'Vinos y delicatessen', 'Shopping centres': 'Centros comerciales', Shops: 'Tiendas',
    Marinas: 'Puertos deportivos', Playgrounds: 'Parques infantiles', 'Water parks': 'Parques acuáticos', 'Theme parks': 'Ocio', Cinemas: 'Cines', Nightlife: 'Vida nocturna',
    Hotels: 'Hoteles', Apartments: 'Apartamentos', Hostels: 'Albergues', 'Guest houses': 'Casas de huéspedes', Campsites: 'Campings',
    'Tourist information': 'Información turística', Parking: 'Aparcamientos', 'Banks & ATMs': 'Bancos y cajeros', Transport: 'Transporte', Fuel: 'Gasolineras', 'Post offices': 'Correos', Toilets: 'Aseos', Police: 'Policía',
    Pharmacies: 'Farmacias', 'Hospitals & clinics': 'Hospitales y clínicas', 'Spas & wellness': 'Spa y bienestar',
  },
  // prettier-ignore
  de: {
    Restaurants: 'Restaurants', 'Cafés': 'Cafés', Bars: 'Bars', 'Fast food': 'Imbisse', 'Ice cream': 'Eisdielen', Bakeries: 'Bäckereien',
    Beaches: 'Strände', Viewpoints: 'Aussichtspunkte', 'Nature reserves': 'Naturgebiete', Parks: 'Parks', Mountains: 'Berge',
    Museums: 'Museen', 'Historic sites': 'Historische Stätten', Monuments: 'Denkmäler', Churches: 'Kirchen', Galleries: 'Galerien', Theatres: 'Theater', Attractions: 'Sehenswürdigkeiten',
    Diving: 'Tauchen', 'Water sports': 'Wassersport', Hiking: 'Wandern', Climbing: 'Klettern', Golf: 'Golf', Tennis: 'Tennis und Padel', Cycling: 'Fahrrad', Fitness: 'Sport',
    Markets: 'Märkte', Supermarkets: 'Supermärkte', Fashion: 'Mode', Souvenirs: 'Souvenirs', 'Wine & delicatessen': 'Wein und Feinkost', 'Shopping centres': 'Einkaufszentren', Shops: 'Geschäfte',
    Marinas: 'Häfen', Playgrounds: 'Spielplätze', 'Water parks': 'Wasserparks', 'Theme parks': 'Freizeit', Cinemas: 'Kinos', Nightlife: 'Nachtleben',
    Hotels: 'Hotels', Apartments: 'Ferienwohnungen', Hostels: 'Hostels', 'Guest houses': 'Pensionen', Campsites: 'Campingplätze',
    'Tourist information': 'Touristeninformation', Parking: 'Parkplätze', 'Banks & ATMs': 'Banken und Geldautomaten', Transport: 'Verkehr', Fuel: 'Tankstellen', 'Post offices': 'Post', Toilets: 'Toiletten', Police: 'Polizei',
    Pharmacies: 'Apotheken', 'Hospitals & clinics': 'Krankenhäuser und Kliniken', 'Spas & wellness': 'Spa und Wellness',
  },
  // prettier-ignore
  nl: {
    Restaurants: 'Restaurants', 'Cafés': 'Cafés', Bars: 'Bars', 'Fast food': 'Snackbars', 'Ice cream': 'IJssalons', Bakeries: 'Bakkerijen',
    Beaches: 'Stranden', Viewpoints: 'Uitzichtpunten', 'Nature reserves': 'Natuurgebieden', Parks: 'Parken', Mountains: 'Bergen',
    Museums: 'Musea', 'Historic sites': 'Historische plekken', Monuments: 'Monumenten', Churches: 'Kerken', Galleries: 'Galerieën', Theatres: 'Theaters', Attractions: 'Bezienswaardigheden',
    Diving: 'Duiken', 'Water sports': 'Watersport', Hiking: 'Wandelen', Climbing: 'Klimmen', Golf: 'Golf', Tennis: 'Tennis en padel', Cycling: 'Fietsen', Fitness: 'Sport',
    Markets: 'Markten', Supermarkets: 'Supermarkten', Fashion: 'Mode', Souvenirs: 'Souvenirs', 'Wine & delicatessen': 'Wijn en delicatessen', 'Shopping centres': 'Winkelcentra', Shops: 'Winkels',
    Marinas: 'Jachthavens', Playgrounds: 'Speeltuinen', 'Water parks': 'Waterparken', 'Theme parks': 'Vrije tijd', Cinemas: 'Bioscopen', Nightlife: 'Uitgaan',
    Hotels: 'Hotels', Apartments: 'Appartementen', Hostels: 'Hostels', 'Guest houses': 'Pensions', Campsites: 'Campings',
    'Tourist information': 'Toeristeninformatie', Parking: 'Parkeren', 'Banks & ATMs': 'Banken en geldautomaten', Transport: 'Vervoer', Fuel: 'Tankstations', 'Post offices': 'Postkantoren', Toilets: 'Toiletten', Police: 'Politie',
    Pharmacies: 'Apotheken', 'Hospitals & clinics': 'Ziekenhuizen en klinieken', 'Spas & wellness': 'Spa en wellness',
  },
  // prettier-ignore
  fr: {
    Restaurants: 'Restaurants', 'Cafés': 'Cafés', Bars: 'Bars', 'Fast food': 'Restauration rapide', 'Ice cream': 'Glaciers', Bakeries: 'Boulangeries',
    Beaches: 'Plages', Viewpoints: 'Points de vue', 'Nature reserves': 'Espaces naturels', Parks: 'Parcs', Mountains: 'Montagnes',
    Museums: 'Musées', 'Historic sites': 'Sites historiques', Monuments: 'Monuments', Churches: 'Églises', Galleries: 'Galeries', Theatres: 'Théâtres', Attractions: 'Attractions',
    Diving: 'Plongée', 'Water sports': 'Sports nautiques', Hiking: 'Randonnée', Climbing: 'Escalade', Golf: 'Golf', Tennis: 'Tennis et padel', Cycling: 'Vélo', Fitness: 'Sport',
    Markets: 'Marchés', Supermarkets: 'Supermarchés', Fashion: 'Mode', Souvenirs: 'Souvenirs', 'Wine & delicatessen': 'Vins et épiceries fines', 'Shopping centres': 'Centres commerciaux', Shops: 'Boutiques',
    Marinas: 'Ports de plaisance', Playgrounds: 'Aires de jeux', 'Water parks': 'Parcs aquatiques', 'Theme parks': 'Loisirs', Cinemas: 'Cinémas', Nightlife: 'Vie nocturne',
    Hotels: 'Hôtels', Apartments: 'Appartements', Hostels: 'Auberges de jeunesse', 'Guest houses': "Chambres d'hôtes", Campsites: 'Campings',
    'Tourist information': 'Office de tourisme', Parking: 'Parkings', 'Banks & ATMs': 'Banques et distributeurs', Transport: 'Transports', Fuel: 'Stations-service', 'Post offices': 'Bureaux de poste', Toilets: 'Toilettes', Police: 'Police',
    Pharmacies: 'Pharmacies', 'Hospitals & clinics': 'Hôpitaux et cliniques', 'Spas & wellness': 'Spa et bien-être',
  },
};

/** The subcategory in that language; as stored when it has no translation. */
export function subcategoryLabel(subcategory: string, language: Language): string {
  return SUBCATEGORY_LABELS[language][subcategory] ?? subcategory;
}
