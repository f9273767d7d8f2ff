import type { Rng } from './rng.ts';

// Given names and surnames by region, so a generated person's name hangs together (a Nair is
// rarely a Gurpreet). Weights roughly follow how often each region shows up on an engineering
// campus in South and West India; they only shape the demo, nothing depends on them.

interface Region {
  weight: number;
  male: readonly string[];
  female: readonly string[];
  surnames: readonly string[];
  /** Surnames used only for women (Punjabi "Kaur"). */
  femaleSurnames?: readonly string[];
}

const REGIONS: readonly Region[] = [
  {
    weight: 14,
    male: ['Aarav', 'Rahul', 'Amit', 'Vivek', 'Ankit', 'Saurabh', 'Nitin', 'Abhishek', 'Kunal', 'Yash'],
    female: ['Priyanka', 'Neha', 'Shruti', 'Pooja', 'Aditi', 'Kavya', 'Ritika', 'Shreya', 'Nidhi'],
    surnames: ['Sharma', 'Verma', 'Gupta', 'Agarwal', 'Mishra', 'Tiwari', 'Srivastava', 'Pandey', 'Saxena'],
  },
  {
    weight: 6,
    male: ['Gurpreet', 'Harpreet', 'Manpreet', 'Jaspreet', 'Karan', 'Arjun', 'Simran'],
    female: ['Harleen', 'Navneet', 'Jasleen', 'Amrit', 'Gurleen', 'Simran'],
    surnames: ['Singh', 'Gill', 'Sandhu', 'Dhillon', 'Grewal', 'Bedi'],
    femaleSurnames: ['Kaur', 'Gill', 'Sandhu', 'Dhillon'],
  },
  {
    weight: 8,
    male: ['Sourav', 'Arijit', 'Debashish', 'Anirban', 'Sayan', 'Rohit', 'Subhajit'],
    female: ['Ananya', 'Debolina', 'Moumita', 'Sreya', 'Riya', 'Paromita', 'Tanushree'],
    surnames: ['Banerjee', 'Chatterjee', 'Mukherjee', 'Ghosh', 'Das', 'Bose', 'Sen', 'Dutta'],
  },
  {
    weight: 12,
    male: ['Rohan', 'Aditya', 'Omkar', 'Siddharth', 'Tejas', 'Pranav', 'Shubham', 'Atharva'],
    female: ['Sneha', 'Pooja', 'Rutuja', 'Sayali', 'Mrunal', 'Gauri', 'Ketaki', 'Apurva'],
    surnames: ['Deshmukh', 'Patil', 'Kulkarni', 'Joshi', 'Pawar', 'Jadhav', 'Gokhale', 'Shinde'],
  },
  {
    weight: 16,
    male: ['Karthik', 'Arun', 'Vignesh', 'Prakash', 'Senthil', 'Hari', 'Balaji', 'Aravind', 'Dinesh'],
    female: ['Lakshmi', 'Divya', 'Priya', 'Meenakshi', 'Keerthana', 'Deepika', 'Janani', 'Swathi'],
    surnames: ['Subramanian', 'Iyer', 'Krishnan', 'Raghavan', 'Natarajan', 'Venkatesan', 'Ramasamy'],
  },
  {
    weight: 9,
    male: ['Arjun', 'Vishnu', 'Nikhil', 'Anand', 'Jithin', 'Sreejith', 'Akhil', 'Rahul'],
    female: ['Priya', 'Anjali', 'Aswathy', 'Lekshmi', 'Reshma', 'Gayathri', 'Nimisha', 'Athira'],
    surnames: ['Nair', 'Menon', 'Pillai', 'Kurup', 'Varghese', 'Kurian', 'Thomas', 'Panicker'],
  },
  {
    weight: 12,
    male: ['Srinivas', 'Sai', 'Venkat', 'Ravi', 'Harsha', 'Charan', 'Tarun', 'Mahesh'],
    female: ['Harika', 'Keerthi', 'Sravani', 'Lavanya', 'Bhavana', 'Sahithi', 'Mounika'],
    surnames: ['Reddy', 'Rao', 'Naidu', 'Chowdary', 'Varma', 'Raju', 'Goud'],
  },
  {
    weight: 7,
    male: ['Rakesh', 'Manjunath', 'Prajwal', 'Sandeep', 'Chethan', 'Darshan'],
    female: ['Shwetha', 'Ananya', 'Bhoomika', 'Spoorthi', 'Pavithra', 'Chaitra'],
    surnames: ['Gowda', 'Hegde', 'Shetty', 'Bhat', 'Rao', 'Kamath'],
  },
  {
    weight: 5,
    male: ['Hardik', 'Dhruv', 'Parth', 'Jay', 'Harsh', 'Nirav'],
    female: ['Krupa', 'Hetal', 'Dhara', 'Riddhi', 'Khushi', 'Foram'],
    surnames: ['Patel', 'Shah', 'Desai', 'Mehta', 'Parikh', 'Trivedi'],
  },
  {
    weight: 8,
    male: ['Mohammed', 'Imran', 'Arshad', 'Faizan', 'Sameer', 'Irfan', 'Adil', 'Zaid'],
    female: ['Fatima', 'Ayesha', 'Zainab', 'Sana', 'Nazia', 'Heena', 'Rukhsar', 'Afreen'],
    surnames: ['Shaikh', 'Khan', 'Ansari', 'Siddiqui', 'Qureshi', 'Syed', 'Pathan'],
  },
  {
    weight: 3,
    male: ['Subham', 'Debasis', 'Satyajit', 'Biswajit', 'Ashutosh'],
    female: ['Subhashree', 'Sasmita', 'Lopamudra', 'Ipsita', 'Sonali'],
    surnames: ['Mohanty', 'Panda', 'Behera', 'Mishra', 'Nayak', 'Sahoo'],
  },
  {
    weight: 3,
    male: ['Joel', 'Ashwin', 'Clinton', 'Melvin', 'Rohan'],
    female: ['Merin', 'Sharon', 'Angela', 'Cynthia', 'Alisha'],
    surnames: ["D'Souza", 'Fernandes', 'Pereira', 'Rodrigues', 'Pinto', 'Lobo'],
  },
];

const WEIGHTED = REGIONS.map((r) => [r, r.weight] as const);

export interface PersonName {
  firstName: string;
  lastName: string;
  gender: 'M' | 'F';
}

export function randomName(rng: Rng, femaleShare = 0.42): PersonName {
  const region = rng.weighted(WEIGHTED);
  const gender = rng.chance(femaleShare) ? 'F' : 'M';
  const firstName = rng.pick(gender === 'F' ? region.female : region.male);
  const surnames = gender === 'F' && region.femaleSurnames ? region.femaleSurnames : region.surnames;
  return { firstName, lastName: rng.pick(surnames), gender };
}

/** "Fatima", "D'Souza" → "fatima.dsouza": e-mail local parts keep ASCII letters only. */
export function emailLocal(name: PersonName): string {
  const clean = (s: string): string => s.toLowerCase().replace(/[^a-z]/g, '');
  return `${clean(name.firstName)}.${clean(name.lastName)}`;
}

/** An Indian mobile number as people write it: "+91 98450 12345". */
export function randomPhone(rng: Rng): string {
  const digits = `${rng.int(6, 9)}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;
  return `+91 ${digits.slice(0, 5)} ${digits.slice(5)}`;
}
